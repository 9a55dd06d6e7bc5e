package dev.exchange.service.instruments;

import dev.exchange.model.InstrumentSpec;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live instrument definitions, as last published on {@code exchange.instruments} by the
 * matching job. Read by every request; written by one Kafka follower only: {@link
 * InstrumentFollower} in edge-api and history-service ({@link InstrumentsConfig} declares both),
 * ws-relay's single consumer in the relay.
 */
public class InstrumentCache {

  private final Map<String, InstrumentSpec> bySymbol = new ConcurrentHashMap<>();
  private volatile boolean caughtUp;

  /** The instrument, or null if the symbol is not listed. */
  public InstrumentSpec get(String symbol) {
    return symbol == null ? null : bySymbol.get(symbol);
  }

  /** Every instrument, by symbol. */
  public List<InstrumentSpec> all() {
    Collection<InstrumentSpec> values = bySymbol.values();
    return values.stream().sorted(Comparator.comparing(InstrumentSpec::symbol)).toList();
  }

  public void put(InstrumentSpec spec) {
    bySymbol.put(spec.symbol(), spec);
  }

  public void remove(String symbol) {
    bySymbol.remove(symbol);
  }

  /** Whether the cache has read the topic up to the end offsets seen when it started. */
  public boolean caughtUp() {
    return caughtUp;
  }

  public void markCaughtUp() {
    caughtUp = true;
  }
}
