package dev.exchange.jobs.accounts;

import dev.exchange.accounts.core.AccountStorage;
import dev.exchange.accounts.core.Balance;
import dev.exchange.accounts.core.OpenOrder;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * An account's state in Flink keyed state of the current key (the account): two counters and four
 * maps, so that a command reads and writes only the entries it touches. State names are part of the
 * savepoint format: never rename them.
 */
final class FlinkAccountStorage implements AccountStorage {

  private final ValueState<Long> ledgerSequence;
  private final ValueState<Long> accountSequence;
  private final MapState<String, Balance> balances;
  private final MapState<String, OpenOrder> openOrders;
  private final MapState<String, String> transfers;
  private final MapState<String, Long> lastEventSequences;

  FlinkAccountStorage(RuntimeContext context) {
    ledgerSequence = context.getState(new ValueStateDescriptor<>("ledger-sequence", Types.LONG));
    accountSequence = context.getState(new ValueStateDescriptor<>("account-sequence", Types.LONG));
    balances =
        context.getMapState(
            new MapStateDescriptor<>("balances", Types.STRING, Types.POJO(Balance.class)));
    openOrders =
        context.getMapState(
            new MapStateDescriptor<>("open-orders", Types.STRING, Types.POJO(OpenOrder.class)));
    transfers =
        context.getMapState(new MapStateDescriptor<>("transfers", Types.STRING, Types.STRING));
    lastEventSequences =
        context.getMapState(
            new MapStateDescriptor<>("last-event-sequences", Types.STRING, Types.LONG));
  }

  /** State access failures are not recoverable here; the job restarts from its checkpoint. */
  @FunctionalInterface
  private interface StateCall<T> {
    T call() throws Exception;
  }

  private static <T> T read(StateCall<T> call) {
    try {
      return call.call();
    } catch (Exception e) {
      throw new IllegalStateException("account state access failed", e);
    }
  }

  private static void write(StateCall<?> call) {
    read(call);
  }

  @Override
  public Balance balance(String asset) {
    return read(() -> balances.get(asset));
  }

  @Override
  public void putBalance(String asset, Balance balance) {
    write(
        () -> {
          balances.put(asset, balance);
          return null;
        });
  }

  @Override
  public long ledgerSequence() {
    Long value = read(ledgerSequence::value);
    return value == null ? 0 : value;
  }

  @Override
  public void putLedgerSequence(long sequence) {
    write(
        () -> {
          ledgerSequence.update(sequence);
          return null;
        });
  }

  @Override
  public long accountSequence() {
    Long value = read(accountSequence::value);
    return value == null ? 0 : value;
  }

  @Override
  public void putAccountSequence(long sequence) {
    write(
        () -> {
          accountSequence.update(sequence);
          return null;
        });
  }

  @Override
  public OpenOrder openOrder(String orderId) {
    return read(() -> openOrders.get(orderId));
  }

  @Override
  public void putOpenOrder(String orderId, OpenOrder order) {
    write(
        () -> {
          openOrders.put(orderId, order);
          return null;
        });
  }

  @Override
  public void removeOpenOrder(String orderId) {
    write(
        () -> {
          openOrders.remove(orderId);
          return null;
        });
  }

  @Override
  public String transfer(String transferId) {
    return read(() -> transfers.get(transferId));
  }

  @Override
  public void putTransfer(String transferId, String content) {
    write(
        () -> {
          transfers.put(transferId, content);
          return null;
        });
  }

  @Override
  public long lastEventSequence(String symbol) {
    Long value = read(() -> lastEventSequences.get(symbol));
    return value == null ? 0 : value;
  }

  @Override
  public void putLastEventSequence(String symbol, long sequence) {
    write(
        () -> {
          lastEventSequences.put(symbol, sequence);
          return null;
        });
  }
}
