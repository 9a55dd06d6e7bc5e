package dev.exchange.stack.verify;

import dev.exchange.matching.core.CollectingOutput;
import dev.exchange.matching.core.ReferenceOrderBook;
import dev.exchange.model.avro.OrderCommand;
import dev.exchange.model.avro.Trade;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The committed command log of one symbol replayed through {@link ReferenceOrderBook}, the naive
 * yardstick of the matcher, and its trades compared with the committed trades: what the exchange
 * published must be what the log it committed means. The log is read as the matcher reads it
 * (docs/matching.md): a numbered command ({@code symbolSequence}) already applied for its account
 * is a repeat and skipped, one that comes before its predecessor waits for it.
 */
public final class ReplayCheck {

  /** Book snapshots do not change trades; any interval gives the same ones. */
  private static final int SNAPSHOT_INTERVAL = 1000;

  private ReplayCheck() {}

  /** The trades the reference book makes from {@code log}. */
  public static List<Trade> replay(String symbol, List<OrderCommand> log) {
    Replay replay = new Replay(symbol);
    log.forEach(replay::offer);
    return replay.out.ofType(Trade.class);
  }

  /** The matcher's reading of one symbol's log, per account. */
  private static final class Replay {
    private final ReferenceOrderBook book;
    private final CollectingOutput out = new CollectingOutput();
    private final Map<String, Long> appliedSymbolSequence = new HashMap<>();
    private final Map<String, Long> appliedAccountSequence = new HashMap<>();
    private final Map<String, TreeMap<Long, OrderCommand>> waiting = new HashMap<>();

    Replay(String symbol) {
      book = new ReferenceOrderBook(symbol, SNAPSHOT_INTERVAL);
    }

    void offer(OrderCommand command) {
      long number = command.getSymbolSequence();
      if (number <= 0) {
        applyUnlessRepeat(command);
        return;
      }
      String account = command.getAccount();
      long last = appliedSymbolSequence.getOrDefault(account, 0L);
      if (number <= last) {
        return;
      }
      TreeMap<Long, OrderCommand> queue = waiting.computeIfAbsent(account, a -> new TreeMap<>());
      queue.putIfAbsent(number, command);
      while (!queue.isEmpty() && queue.firstKey() == last + 1) {
        applyUnlessRepeat(queue.pollFirstEntry().getValue());
        last++;
      }
      appliedSymbolSequence.put(account, last);
    }

    /** A command forwarded again under a new number is known by its account sequence. */
    private void applyUnlessRepeat(OrderCommand command) {
      long accountSequence = command.getAccountSequence();
      if (accountSequence > 0) {
        String account = command.getAccount();
        if (accountSequence <= appliedAccountSequence.getOrDefault(account, 0L)) {
          return;
        }
        appliedAccountSequence.put(account, accountSequence);
      }
      book.apply(command, out);
    }
  }

  /** How the committed trades differ from the replay's; empty when they are the same. */
  public static List<String> problems(String symbol, List<OrderCommand> log, List<Trade> trades) {
    List<Trade> expected = replay(symbol, log);
    List<String> found = new ArrayList<>();
    for (int i = 0; i < Math.max(expected.size(), trades.size()); i++) {
      Trade want = i < expected.size() ? expected.get(i) : null;
      Trade got = i < trades.size() ? trades.get(i) : null;
      if (want == null || !want.equals(got)) {
        found.add(
            symbol
                + " trade "
                + (i + 1)
                + ": the replay of the command log makes "
                + want
                + ", the exchange published "
                + got);
        break;
      }
    }
    return found;
  }
}
