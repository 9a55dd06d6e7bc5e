package dev.exchange.bench.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * CPU time of a process tree, read from {@code /proc}, summed per component. A component is named
 * by the stack's marker ({@code -Dexchange.local-service=<name>}) for its JVMs and by the command
 * for the rest (postgres, nginx); the root itself is the launcher.
 *
 * <p>Each process counts its own time and that of its reaped children ({@code utime + stime +
 * cutime + cstime}), so a PostgreSQL backend that exits between two samples still counts: its time
 * moves into the postmaster's {@code cutime} within the same component, and the component's
 * difference stays right.
 */
public final class ProcessCpu {

  /** Kernel clock ticks per second for {@code /proc/<pid>/stat} (USER_HZ, 100 on Linux). */
  static final long TICKS_PER_SECOND = 100;

  private static final String MARKER = "-Dexchange.local-service=";

  private ProcessCpu() {}

  /** CPU seconds per component of the tree rooted at {@code rootPid}, the root included. */
  public static Map<String, Double> ofTree(long rootPid) {
    return ofStack(rootPid, null);
  }

  /**
   * CPU seconds per component of the tree rooted at {@code rootPid}, plus every other process whose
   * command line holds {@code dataDir} and its descendants: PostgreSQL's postmaster detaches from
   * its launcher ({@code pg_ctl} daemonizes it) but runs from the stack's data folder.
   */
  public static Map<String, Double> ofStack(long rootPid, Path dataDir) {
    Map<String, Double> byComponent = new TreeMap<>();
    Optional<ProcessHandle> root = ProcessHandle.of(rootPid);
    if (root.isEmpty()) {
      return byComponent;
    }
    Map<Long, ProcessHandle> all = new LinkedHashMap<>();
    all.put(rootPid, root.get());
    root.get().descendants().forEach(p -> all.put(p.pid(), p));
    if (dataDir != null) {
      String folder = dataDir.toAbsolutePath().normalize() + "/";
      ProcessHandle.allProcesses()
          .filter(p -> !all.containsKey(p.pid()) && commandLine(p.pid()).contains(folder))
          .toList()
          .forEach(
              p -> {
                all.put(p.pid(), p);
                p.descendants().forEach(d -> all.put(d.pid(), d));
              });
    }
    for (ProcessHandle p : all.values()) {
      long ticks = ticks(p.pid());
      if (ticks < 0) {
        continue;
      }
      String name = p.pid() == rootPid ? "launcher" : component(p.pid());
      byComponent.merge(name, ticks / (double) TICKS_PER_SECOND, Double::sum);
    }
    return byComponent;
  }

  /** CPU seconds of this JVM (the load generator). */
  public static double self() {
    long ticks = ticks(ProcessHandle.current().pid());
    return ticks < 0 ? 0 : ticks / (double) TICKS_PER_SECOND;
  }

  /** The difference {@code after - before} per component (components in either). */
  public static Map<String, Double> difference(
      Map<String, Double> before, Map<String, Double> after) {
    Map<String, Double> d = new TreeMap<>();
    after.forEach((k, v) -> d.put(k, v - before.getOrDefault(k, 0.0)));
    before.forEach((k, v) -> d.putIfAbsent(k, -v));
    return d;
  }

  /** {@code utime + stime + cutime + cstime} of a process, or -1 if it is gone. */
  static long ticks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // The command (field 2) is in parentheses and may hold spaces: fields after its ')' count
      // from 3 (state).
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
      return Long.parseLong(f[11])
          + Long.parseLong(f[12])
          + Long.parseLong(f[13])
          + Long.parseLong(f[14]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static String commandLine(long pid) {
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
      return new String(raw, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  /** The component a process belongs to: the stack's marker, else the program's name. */
  static String component(long pid) {
    try {
      String[] args = commandLine(pid).split("\0");
      for (String a : args) {
        if (a.startsWith(MARKER)) {
          return a.substring(MARKER.length());
        }
      }
      if (args.length > 0 && !args[0].isEmpty()) {
        String program = Path.of(args[0].split(" ")[0]).getFileName().toString();
        if (program.startsWith("postgres")) {
          return "postgres";
        }
        return program.startsWith("nginx") ? "nginx" : program;
      }
    } catch (RuntimeException e) {
      // fall through: a process that exited while being read
    }
    return "other";
  }
}
