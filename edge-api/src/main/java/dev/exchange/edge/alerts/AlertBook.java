package dev.exchange.edge.alerts;

import dev.exchange.model.avro.AlertCommand;
import dev.exchange.model.avro.AlertDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every account's alerts as the compacted {@code exchange.alert-commands} says (filled by {@link
 * AlertFollower}, and by {@link AlertService} with its own commands once Kafka acknowledged them,
 * so that a list right after a create shows it). Applying a command twice changes nothing.
 * Thread-safe.
 */
public class AlertBook {

  /** One alert and whether it is paused. */
  record Entry(AlertDefinition definition, boolean paused) {}

  private final Map<String, Map<String, Entry>> byAccount = new HashMap<>();
  private volatile boolean caughtUp;

  public synchronized void apply(AlertCommand command) {
    AlertDefinition d = command.getAlert();
    Map<String, Entry> alerts =
        byAccount.computeIfAbsent(d.getAccount(), a -> new LinkedHashMap<>());
    switch (command.getAction()) {
      case CREATE -> alerts.putIfAbsent(d.getAlertId(), new Entry(d, false));
      case PAUSE -> alerts.put(d.getAlertId(), new Entry(d, true));
      case RESUME -> alerts.put(d.getAlertId(), new Entry(d, false));
      case DELETE -> alerts.remove(d.getAlertId());
    }
    if (alerts.isEmpty()) {
      byAccount.remove(d.getAccount());
    }
  }

  /** The account's alerts, oldest first. */
  synchronized List<Entry> of(String account) {
    return new ArrayList<>(byAccount.getOrDefault(account, Map.of()).values());
  }

  synchronized Entry get(String account, String alertId) {
    return byAccount.getOrDefault(account, Map.of()).get(alertId);
  }

  /** The account's alert created with {@code clientAlertId}, or null. */
  synchronized Entry byClientId(String account, String clientAlertId) {
    for (Entry e : byAccount.getOrDefault(account, Map.of()).values()) {
      if (clientAlertId.equals(e.definition().getClientAlertId())) {
        return e;
      }
    }
    return null;
  }

  synchronized int count(String account) {
    return byAccount.getOrDefault(account, Map.of()).size();
  }

  public boolean caughtUp() {
    return caughtUp;
  }

  public void markCaughtUp() {
    caughtUp = true;
  }
}
