package dev.exchange.bench.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the report says about the machine: load averages matter on the shared 2-core box. */
public final class Machine {

  private Machine() {}

  /** The 1, 5 and 15 minute load averages as {@code /proc/loadavg} prints them, or "n/a". */
  public static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException | RuntimeException e) {
      return "n/a";
    }
  }

  public static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }
}
