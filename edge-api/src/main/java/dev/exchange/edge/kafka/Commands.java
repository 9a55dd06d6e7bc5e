package dev.exchange.edge.kafka;

import dev.exchange.edge.system.Ids;
import dev.exchange.model.avro.OrderCommand;

/** Envelopes for {@code exchange.orders}. */
public final class Commands {

  private Commands() {}

  /** A command with a fresh UUIDv7 id, stamped with the accept time. */
  public static OrderCommand envelope(
      String symbol, String account, long acceptedAt, Object payload) {
    return OrderCommand.newBuilder()
        .setCommandId(Ids.uuidV7(acceptedAt).toString())
        .setSymbol(symbol)
        .setAccount(account)
        .setTimestamp(acceptedAt)
        .setPayload(payload)
        .build();
  }
}
