package dev.exchange.history.tiers;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Warms the cold tier up ({@link ColdStore#warmUp}) on a background thread once the service is
 * ready: readiness never waits for the lake, and the first cold request no longer pays seconds of
 * catalog connection, S3 client construction and class loading.
 */
@Component
class ColdStoreWarmUp {

  private static final Logger LOG = LoggerFactory.getLogger(ColdStoreWarmUp.class);

  private final ColdStore cold;

  ColdStoreWarmUp(ColdStore cold) {
    this.cold = cold;
  }

  @EventListener(ApplicationReadyEvent.class)
  void warmUp() {
    if (!cold.enabled()) {
      return;
    }
    Thread t =
        new Thread(
            () -> {
              try {
                cold.warmUp();
              } catch (RuntimeException e) {
                LOG.warn("cold tier warm-up failed; the first cold request connects instead", e);
              }
            },
            "cold-warm-up");
    t.setDaemon(true);
    t.start();
  }
}
