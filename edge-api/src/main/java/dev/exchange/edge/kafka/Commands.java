package dev.exchange.edge.kafka;

import dev.exchange.edge.system.Ids;
import dev.exchange.model.avro.AccountCommand;
import dev.exchange.model.avro.OrderCommand;
import dev.exchange.model.avro.OrderRequest;

/** Envelopes for {@code exchange.orders} and {@code exchange.account-commands}. */
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

  /**
   * An order command of the account on {@code exchange.account-commands}, with the instrument's
   * assets and their scales: the accounts job holds funds for it and forwards {@code command}.
   */
  public static AccountCommand orderRequest(
      OrderCommand command, String baseAsset, int baseScale, String quoteAsset, int quoteScale) {
    return new AccountCommand(
        command.getAccount(),
        new OrderRequest(command, baseAsset, baseScale, quoteAsset, quoteScale));
  }
}
