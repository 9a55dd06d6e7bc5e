package dev.exchange.flinkmetrics;

import dev.exchange.conventions.LayeringRules;
import org.junit.jupiter.api.Test;

/** This module's production classes follow the project's layering rules (docs/architecture.md). */
class LayeringTest {

  @Test
  void followsTheLayeringRules() {
    LayeringRules.checkModuleOf(PrometheusReporter.class);
  }
}
