package dev.exchange.stack.chaos;

import dev.exchange.lakehouse.LakehouseCatalog;
import dev.exchange.localservices.PostgresServer;
import dev.exchange.model.avro.OrderEvent;
import dev.exchange.model.avro.Trade;
import dev.exchange.stack.Instruments;
import dev.exchange.stack.LocalStack;
import dev.exchange.stack.StackJob;
import dev.exchange.stack.StackState;
import dev.exchange.stack.chaos.StackProcesses.Component;
import dev.exchange.stack.verify.FlowCheck;
import dev.exchange.stack.verify.KafkaLog;
import dev.exchange.stack.verify.LedgerCheck;
import dev.exchange.stack.verify.OrderFlow;
import dev.exchange.stack.verify.ReplayCheck;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Faults injected one after another into a running stack under a steady order load, each followed
 * by the checks that nothing acknowledged was lost and nothing was duplicated
 * (docs/reliability.md).
 *
 * <p>Per fault: a fresh {@link OrderFlow} of crossing pairs on a pair listed for the run warms up,
 * the fault is injected, and the time to recover is measured from the injection until an order
 * accepted after it has its trade committed, in PostgreSQL and on a WebSocket subscriber's tape:
 * until a new order flows all the way to every reader again. The flow stops; the checks run on
 * everything committed so far until they pass or {@link Settings#settle} runs out: every accepted
 * order acknowledged once and the pairs matched once ({@link FlowCheck}), the trades equal to a
 * replay of the committed command log ({@link ReplayCheck}), the hot tier's rows equal to the
 * committed trades, every trade on the tape committed, the ledger conserved and every trade settled
 * on both sides ({@link LedgerCheck}). After the last fault the cold tier (Iceberg) must hold the
 * committed trades too.
 */
public final class ChaosRun {

  /** How hard and how long. */
  public record Settings(
      int pairsPerSecond,
      Duration warmUp,
      Duration recoverWithin,
      Duration settle,
      Duration brokerPause,
      Duration postgresOutage,
      Duration coldTierWithin) {

    public static Settings defaults() {
      return new Settings(
          10,
          Duration.ofSeconds(10),
          Duration.ofMinutes(5),
          Duration.ofMinutes(3),
          Duration.ofSeconds(30),
          Duration.ofSeconds(60),
          Duration.ofMinutes(4));
    }

    /** These settings at another order rate. */
    public Settings withPairsPerSecond(int rate) {
      return new Settings(
          rate, warmUp, recoverWithin, settle, brokerPause, postgresOutage, coldTierWithin);
    }
  }

  /** A fault: injecting it returns once it is over (a kill at once, a pause when it ends). */
  public record Fault(String name, String what, Injection inject) {}

  /** What injects a fault. */
  public interface Injection {
    void run() throws Exception;
  }

  /**
   * What one fault did. {@code recovery} is empty when the exchange did not recover in time; {@code
   * refused} counts the orders not accepted between the injection and the recovery by HTTP status
   * (0: no answer at all); {@code landedUnanswered} are those of them that traded all the same.
   */
  public record Outcome(
      String fault,
      String what,
      Optional<Duration> recovery,
      int accepted,
      Map<Integer, Integer> refused,
      int landedUnanswered,
      int lost,
      int duplicated,
      List<String> problems) {}

  private static final Duration POLL = Duration.ofSeconds(1);
  private static final String PRICE = "1.00";
  private static final String LOT = "1.000";

  private final StackState state;
  private final OrderFlow.Tokens tokens;
  private final Settings settings;
  private final PrintStream out;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final KafkaLog log;
  private final StackProcesses processes;
  private final String jdbcUrl;

  public ChaosRun(StackState state, OrderFlow.Tokens tokens, Settings settings, PrintStream out) {
    this.state = state;
    this.tokens = tokens;
    this.settings = settings;
    this.out = out;
    this.log = new KafkaLog(state.kafkaConnection());
    this.processes = new StackProcesses(state);
    this.jdbcUrl =
        "jdbc:postgresql://127.0.0.1:" + state.ports().postgres() + "/" + LocalStack.DATABASE;
  }

  /** Every fault the full run injects, in order. */
  public List<Fault> faults() {
    List<Fault> faults = new ArrayList<>();
    for (Component c : Component.values()) {
      faults.add(
          new Fault(
              "kill-" + c.label(),
              "SIGKILL of the " + c.label() + " process",
              () -> processes.kill(c)));
    }
    faults.add(
        new Fault(
            "postgres-outage",
            "PostgreSQL stopped (SIGSTOP) for " + settings.postgresOutage().toSeconds() + " s",
            () -> pause(Component.POSTGRES, settings.postgresOutage())));
    faults.add(
        new Fault(
            "broker-pause",
            "the broker stopped (SIGSTOP) for "
                + settings.brokerPause().toSeconds()
                + " s, longer than a checkpoint",
            () -> pause(Component.BROKER, settings.brokerPause())));
    for (StackJob job : state.jobs()) {
      faults.add(
          new Fault(
              "redeploy-" + job.name(),
              "the " + job.name() + " job stopped with a savepoint and submitted from it",
              () -> state.jobControl().redeploy(job.name(), Optional.empty())));
    }
    return faults;
  }

  /** The faults named, in the order given; an unknown name is refused with the known ones. */
  public List<Fault> faults(List<String> names) {
    Map<String, Fault> all = new HashMap<>();
    faults().forEach(f -> all.put(f.name(), f));
    List<Fault> chosen = new ArrayList<>();
    for (String name : names) {
      Fault f = all.get(name);
      if (f == null) {
        throw new IllegalArgumentException(
            "no fault '" + name + "'; known: " + faults().stream().map(Fault::name).toList());
      }
      chosen.add(f);
    }
    return chosen;
  }

  private void pause(Component component, Duration length) {
    processes.pause(component);
    try {
      LockSupport.parkNanos(length.toNanos());
    } finally {
      processes.resume(component);
    }
  }

  /**
   * Injects the faults one after another; the last outcome, {@code cold-tier}, is the Iceberg check
   * after them all. Stops early when the exchange does not recover from a fault.
   */
  public List<Outcome> run(List<Fault> faults) throws Exception {
    String symbol = listPair();
    out.println("chaos on " + symbol + " at " + settings.pairsPerSecond() + " pairs/s");
    Map<String, OrderFlow.Accepted> accepted = new HashMap<>();
    List<OrderFlow.Refused> refused = new ArrayList<>();
    List<Outcome> outcomes = new ArrayList<>();
    try (TradeTape tape = new TradeTape(http, wsUrl(), symbol)) {
      for (Fault fault : faults) {
        Outcome outcome = inject(fault, symbol, accepted, refused, tape);
        outcomes.add(outcome);
        out.println(describe(outcome));
        if (outcome.recovery().isEmpty()) {
          out.println("the exchange did not recover from " + fault.name() + ": the run stops");
          return outcomes;
        }
      }
      outcomes.add(coldTier(symbol));
      out.println(describe(outcomes.get(outcomes.size() - 1)));
    }
    return outcomes;
  }

  private Outcome inject(
      Fault fault,
      String symbol,
      Map<String, OrderFlow.Accepted> accepted,
      List<OrderFlow.Refused> refused,
      TradeTape tape)
      throws Exception {
    out.println(fault.name() + ": " + fault.what());
    OrderFlow flow =
        new OrderFlow(http, state.baseUrl(), tokens, symbol, PRICE, LOT, settings.pairsPerSecond());
    flow.start();
    Optional<Duration> recovery;
    Instant injected;
    try {
      LockSupport.parkNanos(settings.warmUp().toNanos());
      injected = Instant.now();
      fault.inject().run();
      recovery = awaitRecovery(symbol, flow, injected, tape);
    } finally {
      flow.close();
    }
    accepted.putAll(flow.accepted());
    refused.addAll(flow.refused());
    Instant recovered = recovery.map(injected::plus).orElse(Instant.now());
    Map<Integer, Integer> refusals = new java.util.TreeMap<>();
    for (OrderFlow.Refused r : flow.refused()) {
      if (!r.at().isBefore(injected) && !r.at().isAfter(recovered)) {
        refusals.merge(r.status(), 1, Integer::sum);
      }
    }
    List<String> problems = settle(symbol, accepted, refused, tape);
    List<OrderEvent> events = read(() -> log.orderEvents(symbol));
    Map<String, Integer> acks = FlowCheck.acknowledgements(events);
    int landedUnanswered =
        (int)
            FlowCheck.landed(Map.of(), flow.refused(), events).keySet().stream()
                .filter(acks::containsKey)
                .count();
    int lost = (int) accepted.keySet().stream().filter(id -> !acks.containsKey(id)).count();
    List<Trade> trades = read(() -> log.trades(symbol));
    int duplicated =
        (int) acks.values().stream().filter(n -> n > 1).count()
            + (int) (trades.size() - trades.stream().map(Trade::getTradeId).distinct().count());
    return new Outcome(
        fault.name(),
        fault.what(),
        recovery,
        flow.accepted().size(),
        refusals,
        landedUnanswered,
        lost,
        duplicated,
        problems);
  }

  /**
   * The time from the injection until an order accepted after it has its trade committed, in the
   * hot tier and on the tape; empty if that does not happen within {@link Settings#recoverWithin}.
   */
  private Optional<Duration> awaitRecovery(
      String symbol, OrderFlow flow, Instant injected, TradeTape tape) {
    Instant deadline = injected.plus(settings.recoverWithin());
    while (Instant.now().isBefore(deadline)) {
      try {
        Map<String, OrderFlow.Accepted> accepted = flow.accepted();
        List<Long> madeAfter =
            log.trades(symbol).stream()
                .filter(
                    t ->
                        acceptedSince(accepted.get(t.getMakerOrderId()), injected)
                            && acceptedSince(accepted.get(t.getTakerOrderId()), injected))
                .map(Trade::getTradeId)
                .toList();
        if (!madeAfter.isEmpty()) {
          // One read of the tape and one of the hot tier per poll, not one per trade.
          Map<Long, String> taped = tape.received();
          Map<Long, String> hot =
              TradeRows.postgres(jdbcUrl, PostgresServer.USER, PostgresServer.USER, symbol);
          if (madeAfter.stream().anyMatch(id -> taped.containsKey(id) && hot.containsKey(id))) {
            return Optional.of(Duration.between(injected, Instant.now()));
          }
        }
      } catch (RuntimeException notYet) {
        // A reader that cannot read yet (broker or database still down): not recovered.
      }
      LockSupport.parkNanos(POLL.toNanos());
    }
    return Optional.empty();
  }

  private static boolean acceptedSince(OrderFlow.Accepted order, Instant injected) {
    return order != null && !order.at().isBefore(injected);
  }

  /** Checks until everything agrees or {@link Settings#settle} runs out; the last problems. */
  private List<String> settle(
      String symbol,
      Map<String, OrderFlow.Accepted> accepted,
      List<OrderFlow.Refused> refused,
      TradeTape tape) {
    Instant deadline = Instant.now().plus(settings.settle());
    List<String> problems;
    do {
      problems = check(symbol, accepted, refused, tape);
      if (problems.isEmpty()) {
        return problems;
      }
      LockSupport.parkNanos(POLL.toNanos());
    } while (Instant.now().isBefore(deadline));
    return problems;
  }

  private List<String> check(
      String symbol,
      Map<String, OrderFlow.Accepted> accepted,
      List<OrderFlow.Refused> refused,
      TradeTape tape) {
    List<String> problems = new ArrayList<>();
    try {
      List<Trade> trades = log.trades(symbol);
      problems.addAll(FlowCheck.problems(accepted, refused, log.orderEvents(symbol), trades));
      problems.addAll(ReplayCheck.problems(symbol, log.orderCommands(symbol), trades));
      Map<Long, String> committed = TradeRows.of(trades);
      problems.addAll(
          TradeRows.differences(
              "PostgreSQL",
              committed,
              TradeRows.postgres(jdbcUrl, PostgresServer.USER, PostgresServer.USER, symbol),
              true));
      Map<Long, String> taped = new HashMap<>();
      tape.received().forEach((id, row) -> taped.put(id, TradeRows.normalized(row)));
      problems.addAll(TradeRows.differences("the WebSocket tape", committed, taped, false));
      LedgerCheck ledger = LedgerCheck.of(log.balances());
      problems.addAll(ledger.problems());
      problems.addAll(ledger.settlementProblems(trades));
    } catch (RuntimeException e) {
      problems.add("cannot check: " + e.getMessage());
    }
    return problems;
  }

  /** After every fault: the Iceberg cold tier holds exactly the committed trades. */
  private Outcome coldTier(String symbol) {
    String[] keys = LocalStack.s3Credentials(Path.of(state.dataDir()));
    Map<String, String> catalog =
        LakehouseCatalog.localProperties(
            "jdbc:postgresql://127.0.0.1:"
                + state.ports().postgres()
                + "/"
                + LocalStack.LAKEHOUSE_DATABASE,
            PostgresServer.USER,
            PostgresServer.USER,
            LocalStack.LAKEHOUSE_BUCKET,
            "http://127.0.0.1:" + state.ports().s3(),
            keys[0],
            keys[1]);
    Instant start = Instant.now();
    Instant deadline = start.plus(settings.coldTierWithin());
    List<String> problems;
    do {
      try {
        problems =
            TradeRows.differences(
                "Iceberg",
                TradeRows.of(log.trades(symbol)),
                TradeRows.iceberg(catalog, symbol),
                true);
      } catch (RuntimeException e) {
        problems = List.of("cannot read the cold tier: " + e.getMessage());
      }
      if (problems.isEmpty()) {
        break;
      }
      LockSupport.parkNanos(Duration.ofSeconds(5).toNanos());
    } while (Instant.now().isBefore(deadline));
    return new Outcome(
        "cold-tier",
        "the Iceberg trades after every fault, once the lakehouse job has committed",
        Optional.of(Duration.between(start, Instant.now())),
        0,
        Map.of(),
        0,
        0,
        0,
        problems);
  }

  /** Lists a pair of its own for the run (a new base asset), so its trades are the flows' only. */
  private String listPair() {
    StringBuilder suffix = new StringBuilder();
    for (int i = 0; i < 4; i++) {
      suffix.append((char) ('A' + ThreadLocalRandom.current().nextInt(26)));
    }
    String base = "CH" + suffix;
    String symbol = base + "USDT";
    Instruments.listTestPair(
        http, state.baseUrl(), tokens.token("chaos-admin", true), symbol, base);
    return symbol;
  }

  private String wsUrl() {
    return "ws://127.0.0.1:" + state.ports().proxy();
  }

  /** Reads the committed log, waiting out a broker that is not back yet. */
  private static <T> T read(Supplier<T> reader) {
    RuntimeException last = null;
    for (int attempt = 0; attempt < 10; attempt++) {
      try {
        return reader.get();
      } catch (RuntimeException e) {
        last = e;
        LockSupport.parkNanos(POLL.toNanos());
      }
    }
    throw last;
  }

  /** {@code 503×12, no answer×3}, or {@code none}. */
  static String refusals(Map<Integer, Integer> refused) {
    if (refused.isEmpty()) {
      return "none";
    }
    List<String> parts = new ArrayList<>();
    refused.forEach((status, n) -> parts.add((status == 0 ? "no answer" : status) + "×" + n));
    return String.join(", ", parts);
  }

  public static String describe(Outcome o) {
    return String.format(
        "  %-24s recovered %-8s accepted %-5d refused %s, landed unanswered %d, lost %d,"
            + " duplicated %d%s",
        o.fault(),
        o.recovery().map(d -> String.format("%.1f s", d.toMillis() / 1000.0)).orElse("NEVER"),
        o.accepted(),
        refusals(o.refused()),
        o.landedUnanswered(),
        o.lost(),
        o.duplicated(),
        o.problems().isEmpty() ? "" : "\n    problems: " + String.join("\n    ", o.problems()));
  }
}
