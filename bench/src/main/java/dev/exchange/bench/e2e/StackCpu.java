package dev.exchange.bench.e2e;

import dev.exchange.bench.support.ProcessCpu;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU of every stack process over an idle window and over the load, from {@code /proc}: per
 * component and in total, as cores and as CPU time per order, with the load generator apart.
 *
 * @param idleSeconds wall time of the idle window (0: none measured)
 * @param idle CPU seconds per component during the idle window
 * @param loadSeconds wall time of the load window (first order to the last trade frame)
 * @param load CPU seconds per component during the load window
 * @param generatorIdle CPU seconds of the load generator during the idle window
 * @param generatorLoad CPU seconds of the load generator during the load window
 * @param orders orders sent in the load window
 */
public record StackCpu(
    double idleSeconds,
    Map<String, Double> idle,
    double loadSeconds,
    Map<String, Double> load,
    double generatorIdle,
    double generatorLoad,
    long orders) {

  public double idleTotal() {
    return idle.values().stream().mapToDouble(Double::doubleValue).sum();
  }

  public double loadTotal() {
    return load.values().stream().mapToDouble(Double::doubleValue).sum();
  }

  /** Microseconds of CPU per order summed over the stack's processes (load generator apart). */
  public double microsPerOrder() {
    return orders == 0 ? 0 : loadTotal() * 1e6 / orders;
  }

  /** The markdown table: one row per component, the total, then the load generator. */
  public String markdown() {
    Map<String, Double> names = new TreeMap<>(load);
    idle.keySet().forEach(k -> names.putIfAbsent(k, 0.0));
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "CPU from /proc: idle window %.0f s (no orders), load window %.0f s (%,d orders).%n%n",
            idleSeconds,
            loadSeconds,
            orders));
    b.append(
        "| process | idle (cores) | under load (cores) | CPU s under load | µs per order |"
            + " µs per order above idle |\n|---|---|---|---|---|---|\n");
    for (String name : names.keySet()) {
      row(b, name, idle.getOrDefault(name, 0.0), load.getOrDefault(name, 0.0));
    }
    row(b, "**all stack processes**", idleTotal(), loadTotal());
    row(b, "load generator (apart)", generatorIdle, generatorLoad);
    return b.toString();
  }

  private void row(StringBuilder b, String name, double idleCpu, double loadCpu) {
    double idleCores = idleSeconds > 0 ? idleCpu / idleSeconds : Double.NaN;
    double loadCores = loadSeconds > 0 ? loadCpu / loadSeconds : 0;
    double perOrder = orders == 0 ? 0 : loadCpu * 1e6 / orders;
    double aboveIdle =
        orders == 0 || idleSeconds <= 0
            ? Double.NaN
            : (loadCpu - idleCores * loadSeconds) * 1e6 / orders;
    b.append(
        String.format(
            Locale.ROOT,
            "| %s | %s | %.3f | %.2f | %,.0f | %s |%n",
            name,
            Double.isNaN(idleCores) ? "n/a" : String.format(Locale.ROOT, "%.3f", idleCores),
            loadCores,
            loadCpu,
            perOrder,
            Double.isNaN(aboveIdle) ? "n/a" : String.format(Locale.ROOT, "%,.0f", aboveIdle)));
  }

  /** Samples the stack's tree and this JVM; {@link #until} closes a window. */
  record Sample(long nanos, Map<String, Double> stack, double self) {
    static Sample take(long stackPid, Path dataDir) {
      return new Sample(
          System.nanoTime(), ProcessCpu.ofStack(stackPid, dataDir), ProcessCpu.self());
    }

    double seconds(Sample later) {
      return (later.nanos - nanos) / 1e9;
    }

    Map<String, Double> until(Sample later) {
      return ProcessCpu.difference(stack, later.stack);
    }
  }
}
