package dev.exchange.service;

import dev.exchange.conventions.LayeringRules;
import dev.exchange.service.instruments.InstrumentCache;
import org.junit.jupiter.api.Test;

/** This module's production classes follow the project's layering rules (docs/architecture.md). */
class LayeringTest {

  @Test
  void followsTheLayeringRules() {
    LayeringRules.checkModuleOf(InstrumentCache.class);
  }
}
