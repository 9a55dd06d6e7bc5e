package dev.exchange.jobs.accounts;

import dev.exchange.accounts.core.AccountEngine;
import dev.exchange.accounts.core.AccountStorage;
import dev.exchange.accounts.core.Balance;
import dev.exchange.accounts.core.OpenOrder;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * An account's state in Flink keyed state of the current key (the account): two counters and six
 * maps, so that a command reads and writes only the entries it touches. State names are part of the
 * savepoint format: never rename them.
 *
 * <p>One command at a time, through a write-back cache: {@link #begin} before the command, {@link
 * #commit} after it succeeded. Within the command each entry is read from RocksDB at most once and
 * written at most once (a fill with a fee and a release changes the ledger sequence four times and
 * the received balance twice); a command the engine refuses is never committed, so it leaves the
 * account exactly as it was.
 */
final class FlinkAccountStorage implements AccountStorage {

  private static final String SEQUENCE = "";

  private final Cached<Long> ledgerSequence;
  private final Cached<Long> accountSequence;
  private final Cached<Balance> balances;
  private final Cached<OpenOrder> openOrders;
  private final Cached<String> transfers;
  private final Cached<Long> lastEventSequences;
  private final Cached<Long> symbolSequences;
  private final Cached<Long> clientOrders;
  private final Cached<?>[] all;

  /**
   * How long a remembered clientOrderId stays in state after it was written: longer than {@link
   * AccountEngine#CLIENT_ORDER_ID_WINDOW}, which the engine checks on the edge's acceptance times,
   * so the state only bounds its size; the margin is how long the job may stand still between a
   * first order and its retry without forgetting the first (docs/accounts.md, "Retries").
   */
  static final Duration CLIENT_ORDER_ID_RETENTION =
      AccountEngine.CLIENT_ORDER_ID_WINDOW.multipliedBy(6);

  FlinkAccountStorage(RuntimeContext context) {
    ledgerSequence =
        Cached.of(context.getState(new ValueStateDescriptor<>("ledger-sequence", Types.LONG)));
    accountSequence =
        Cached.of(context.getState(new ValueStateDescriptor<>("account-sequence", Types.LONG)));
    balances =
        Cached.of(
            context.getMapState(
                new MapStateDescriptor<>("balances", Types.STRING, Types.POJO(Balance.class))));
    openOrders =
        Cached.of(
            context.getMapState(
                new MapStateDescriptor<>(
                    "open-orders", Types.STRING, Types.POJO(OpenOrder.class))));
    transfers =
        Cached.of(
            context.getMapState(new MapStateDescriptor<>("transfers", Types.STRING, Types.STRING)));
    lastEventSequences =
        Cached.of(
            context.getMapState(
                new MapStateDescriptor<>("last-event-sequences", Types.STRING, Types.LONG)));
    symbolSequences =
        Cached.of(
            context.getMapState(
                new MapStateDescriptor<>("symbol-sequences", Types.STRING, Types.LONG)));
    MapStateDescriptor<String, Long> clientOrderIds =
        new MapStateDescriptor<>("client-order-ids", Types.STRING, Types.LONG);
    clientOrderIds.enableTimeToLive(
        StateTtlConfig.newBuilder(CLIENT_ORDER_ID_RETENTION)
            .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
            .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
            .cleanupInRocksdbCompactFilter(1000)
            .build());
    clientOrders = Cached.of(context.getMapState(clientOrderIds));
    all =
        new Cached<?>[] {
          ledgerSequence,
          accountSequence,
          balances,
          openOrders,
          transfers,
          lastEventSequences,
          symbolSequences,
          clientOrders
        };
  }

  /** Forgets what the previous command read or wrote without committing it. */
  void begin() {
    for (Cached<?> c : all) {
      c.clear();
    }
  }

  /** Writes what the command changed to the keyed state of the current key. */
  void commit() {
    for (Cached<?> c : all) {
      c.commit();
    }
  }

  @Override
  public Balance balance(String asset) {
    return balances.get(asset);
  }

  @Override
  public void putBalance(String asset, Balance balance) {
    balances.put(asset, balance);
  }

  @Override
  public long ledgerSequence() {
    return orZero(ledgerSequence.get(SEQUENCE));
  }

  @Override
  public void putLedgerSequence(long sequence) {
    ledgerSequence.put(SEQUENCE, sequence);
  }

  @Override
  public long accountSequence() {
    return orZero(accountSequence.get(SEQUENCE));
  }

  @Override
  public void putAccountSequence(long sequence) {
    accountSequence.put(SEQUENCE, sequence);
  }

  @Override
  public long symbolSequence(String symbol) {
    return orZero(symbolSequences.get(symbol));
  }

  @Override
  public void putSymbolSequence(String symbol, long sequence) {
    symbolSequences.put(symbol, sequence);
  }

  @Override
  public OpenOrder openOrder(String orderId) {
    return openOrders.get(orderId);
  }

  @Override
  public void putOpenOrder(String orderId, OpenOrder order) {
    openOrders.put(orderId, order);
  }

  @Override
  public void removeOpenOrder(String orderId) {
    openOrders.put(orderId, null);
  }

  @Override
  public String transfer(String transferId) {
    return transfers.get(transferId);
  }

  @Override
  public void putTransfer(String transferId, String content) {
    transfers.put(transferId, content);
  }

  @Override
  public Long clientOrderAccepted(String clientOrderKey) {
    return clientOrders.get(clientOrderKey);
  }

  @Override
  public void putClientOrderAccepted(String clientOrderKey, long acceptedAt) {
    clientOrders.put(clientOrderKey, acceptedAt);
  }

  @Override
  public long lastEventSequence(String symbol) {
    return orZero(lastEventSequences.get(symbol));
  }

  @Override
  public void putLastEventSequence(String symbol, long sequence) {
    lastEventSequences.put(symbol, sequence);
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }

  /** State access failures are not recoverable here; the job restarts from its checkpoint. */
  @FunctionalInterface
  private interface StateCall<T> {
    T call() throws Exception;
  }

  private static <T> T access(StateCall<T> call) {
    try {
      return call.call();
    } catch (Exception e) {
      throw new IllegalStateException("account state access failed", e);
    }
  }

  /**
   * One state (a map, or a value under the single key {@link #SEQUENCE}) behind the command's
   * write-back cache; a null value written is a removal.
   */
  private static final class Cached<V> {
    private final StateCall2<String, V> load;
    private final StateWrite<String, V> store;
    private final Map<String, V> values = new HashMap<>();
    private final Set<String> dirty = new HashSet<>();

    private Cached(StateCall2<String, V> load, StateWrite<String, V> store) {
      this.load = load;
      this.store = store;
    }

    static <V> Cached<V> of(MapState<String, V> state) {
      return new Cached<>(
          state::get,
          (k, v) -> {
            if (v == null) {
              state.remove(k);
            } else {
              state.put(k, v);
            }
          });
    }

    static <V> Cached<V> of(ValueState<V> state) {
      return new Cached<>(k -> state.value(), (k, v) -> state.update(v));
    }

    V get(String key) {
      if (values.containsKey(key)) {
        return values.get(key);
      }
      V value = access(() -> load.call(key));
      values.put(key, value);
      return value;
    }

    void put(String key, V value) {
      values.put(key, value);
      dirty.add(key);
    }

    void commit() {
      for (String key : dirty) {
        V value = values.get(key);
        access(
            () -> {
              store.write(key, value);
              return null;
            });
      }
      clear();
    }

    void clear() {
      values.clear();
      dirty.clear();
    }
  }

  @FunctionalInterface
  private interface StateCall2<K, V> {
    V call(K key) throws Exception;
  }

  @FunctionalInterface
  private interface StateWrite<K, V> {
    void write(K key, V value) throws Exception;
  }
}
