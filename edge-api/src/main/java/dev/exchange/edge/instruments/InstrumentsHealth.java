package dev.exchange.edge.instruments;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Readiness: orders can only be validated once the instrument cache has caught up. */
@Component("instruments")
class InstrumentsHealth implements HealthIndicator {

  private final InstrumentCache cache;

  InstrumentsHealth(InstrumentCache cache) {
    this.cache = cache;
  }

  @Override
  public Health health() {
    return cache.caughtUp()
        ? Health.up().withDetail("instruments", cache.all().size()).build()
        : Health.outOfService().withDetail("reason", "instrument cache catching up").build();
  }
}
