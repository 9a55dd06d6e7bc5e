package dev.exchange.stack;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Keeps the stack's components running: every {@link #CHECK_EVERY} it asks each watched component
 * why it is down; one that is down is restarted with its own start function after a backoff of
 * {@link #FIRST_BACKOFF}, doubling with every restart up to {@link #MAX_BACKOFF}, back to the first
 * once the component has run {@link #STABLE} since its last restart. Restarts run beside each other
 * (a slow one, a JobManager awaiting its slots, does not hold up a broker's); a failed restart is
 * tried again after the next backoff.
 *
 * <p>Per component it counts the restarts and keeps the last reason, in {@code
 * <data>/supervisor.json} for {@code ./exchange status} ({@link #read}).
 */
final class Supervisor implements AutoCloseable {

  static final Duration CHECK_EVERY = Duration.ofMillis(500);
  static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
  static final Duration STABLE = Duration.ofMinutes(1);

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  /**
   * A component's restarts as {@code ./exchange status} shows them; {@code lastAt} is an ISO-8601
   * instant.
   */
  record Restarts(int count, String lastReason, String lastAt) {

    static final Restarts NONE = new Restarts(0, null, null);

    String describe() {
      return count == 0
          ? "restarts 0"
          : "restarts "
              + count
              + " (last at "
              + TIME.format(Instant.parse(lastAt))
              + ": "
              + lastReason
              + ")";
    }
  }

  private final Path file;
  private final PrintStream out;
  private final Map<String, Watched> watched = new LinkedHashMap<>();
  private final ScheduledExecutorService checker =
      Executors.newSingleThreadScheduledExecutor(daemon("supervisor"));
  private final ExecutorService restarter = Executors.newCachedThreadPool(daemon("restart"));
  private volatile boolean closing;

  /**
   * @param file where the restart counts are written ({@code <data>/supervisor.json})
   * @param out where restarts are reported (the launcher's terminal)
   */
  Supervisor(Path file, PrintStream out) {
    this.file = file;
    this.out = out;
  }

  /**
   * Watches a component from {@link #start()} on: {@code downReason} tells why it is down (empty
   * while it runs; an exception counts as running, the check could not tell), {@code restart}
   * starts it again and returns once it serves.
   */
  synchronized void watch(String name, Supplier<Optional<String>> downReason, Runnable restart) {
    watched.put(name, new Watched(name, downReason, restart));
  }

  /** Starts checking; writes the (zero) restart counts. */
  synchronized void start() {
    write();
    checker.scheduleWithFixedDelay(
        () -> check(Instant.now()),
        CHECK_EVERY.toMillis(),
        CHECK_EVERY.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** The restarts of one watched component so far. */
  synchronized Restarts restarts(String name) {
    Watched w = watched.get(name);
    if (w == null) {
      throw new IllegalArgumentException("no component '" + name + "' is supervised");
    }
    return w.restarts();
  }

  /** The backoff before the restart that follows {@code restartsInARow} unstable restarts. */
  static Duration backoff(int restartsInARow) {
    int doublings = Math.min(restartsInARow, 30);
    Duration delay = FIRST_BACKOFF.multipliedBy(1L << doublings);
    return delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay;
  }

  /** Checks every component as at {@code now}; the checker calls it every {@link #CHECK_EVERY}. */
  void check(Instant now) {
    for (Watched w : snapshot()) {
      w.check(now);
    }
  }

  private synchronized List<Watched> snapshot() {
    return List.copyOf(watched.values());
  }

  /** Stops checking and interrupts restarts under way; returns once they have given up. */
  @Override
  public void close() {
    closing = true;
    checker.shutdownNow();
    restarter.shutdownNow();
    try {
      checker.awaitTermination(10, TimeUnit.SECONDS);
      if (!restarter.awaitTermination(30, TimeUnit.SECONDS)) {
        out.println("  a restart under way did not stop within 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Where a stack's supervisor keeps its restart counts: {@code <data>/supervisor.json}. */
  static Path file(Path dataDir) {
    return dataDir.resolve("supervisor.json");
  }

  /** The restart counts a running stack's supervisor wrote, by component. */
  static Map<String, Restarts> read(Path file) {
    if (!Files.exists(file)) {
      return Map.of();
    }
    try {
      return JSON.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Restarts>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private synchronized void write() {
    Map<String, Restarts> all = new LinkedHashMap<>();
    watched.forEach((name, w) -> all.put(name, w.restarts()));
    try {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      JSON.writeValue(tmp.toFile(), all);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      out.println("  cannot write " + file + ": " + e.getMessage());
    }
  }

  /** One component: what the checker knows of it. Guarded by the supervisor's lock. */
  private final class Watched {
    private final String name;
    private final Supplier<Optional<String>> downReason;
    private final Runnable restart;
    private int count;
    private String lastReason;
    private Instant lastAt;
    private int inARow;
    private Instant due;
    private boolean restarting;

    Watched(String name, Supplier<Optional<String>> downReason, Runnable restart) {
      this.name = name;
      this.downReason = downReason;
      this.restart = restart;
    }

    Restarts restarts() {
      return count == 0 ? Restarts.NONE : new Restarts(count, lastReason, lastAt.toString());
    }

    void check(Instant now) {
      synchronized (Supervisor.this) {
        if (restarting) {
          return;
        }
      }
      Optional<String> reason;
      try {
        reason = downReason.get();
      } catch (RuntimeException e) {
        reason = Optional.empty();
      }
      synchronized (Supervisor.this) {
        if (reason.isEmpty()) {
          due = null;
          if (lastAt != null && Duration.between(lastAt, now).compareTo(STABLE) >= 0) {
            inARow = 0;
          }
          return;
        }
        if (due == null) {
          Duration wait = backoff(inARow);
          due = now.plus(wait);
          out.printf(
              "%s %s is down (%s); restarting it in %d s%n",
              TIME.format(now), name, reason.get(), wait.toSeconds());
          return;
        }
        if (now.isBefore(due)) {
          return;
        }
        restarting = true;
        count++;
        inARow++;
        lastReason = reason.get();
        lastAt = now;
        due = null;
        write();
      }
      restarter.execute(() -> restart(now));
    }

    private void restart(Instant begin) {
      String outcome;
      try {
        restart.run();
        outcome =
            "restarted in "
                + String.format(
                    "%.1f s", Duration.between(begin, Instant.now()).toMillis() / 1000.0);
      } catch (RuntimeException e) {
        outcome =
            closing
                ? "restart given up: the stack stops"
                : "restart failed (" + e.getMessage() + "); trying again after the next backoff";
      }
      synchronized (Supervisor.this) {
        restarting = false;
        out.printf("%s %s %s (restart %d)%n", TIME.format(Instant.now()), name, outcome, count);
      }
    }
  }

  private static ThreadFactory daemon(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
