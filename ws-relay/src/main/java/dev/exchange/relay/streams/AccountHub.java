package dev.exchange.relay.streams;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/** Private sessions by account: an account's events go to its own sessions and nowhere else. */
@Component
public class AccountHub {

  /** The pseudo stream name of execution reports (private frames are always sent raw). */
  public static final String STREAM = "executionReport";

  /** The pseudo stream name of balance updates. */
  public static final String BALANCES = "outboundAccountPosition";

  /** The pseudo stream name of deposits and withdrawals (Binance's {@code balanceUpdate}). */
  public static final String TRANSFERS = "balanceUpdate";

  /** The pseudo stream name of fired alerts (docs/alerts.md). */
  public static final String ALERTS = "alert";

  private final Map<String, Set<Subscriber>> accounts = new ConcurrentHashMap<>();

  public void add(String account, Subscriber subscriber) {
    accounts.computeIfAbsent(account, a -> ConcurrentHashMap.newKeySet()).add(subscriber);
  }

  public void remove(String account, Subscriber subscriber) {
    accounts.computeIfPresent(
        account,
        (a, set) -> {
          set.remove(subscriber);
          return set.isEmpty() ? null : set;
        });
  }

  public int sessions(String account) {
    Set<Subscriber> set = accounts.get(account);
    return set == null ? 0 : set.size();
  }

  /** Serializes once if the account has sessions and delivers to them. Lossless. */
  public void publish(String account, String stream, Supplier<String> payload) {
    Set<Subscriber> set = accounts.get(account);
    if (set == null || set.isEmpty()) {
      return;
    }
    Frame frame = new Frame(stream, payload.get(), false);
    for (Subscriber subscriber : set) {
      subscriber.deliver(frame);
    }
  }
}
