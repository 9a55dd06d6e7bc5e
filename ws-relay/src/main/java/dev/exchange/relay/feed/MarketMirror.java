package dev.exchange.relay.feed;

import dev.exchange.model.EventSerde;
import dev.exchange.model.InstrumentSpec;
import dev.exchange.model.Topics;
import dev.exchange.model.avro.AlertFired;
import dev.exchange.model.avro.BalanceEvent;
import dev.exchange.model.avro.BookDelta;
import dev.exchange.model.avro.BookSnapshot;
import dev.exchange.model.avro.Candle;
import dev.exchange.model.avro.CommandRejection;
import dev.exchange.model.avro.Instrument;
import dev.exchange.model.avro.LedgerEntryKind;
import dev.exchange.model.avro.OrderEvent;
import dev.exchange.model.avro.Ticker;
import dev.exchange.model.avro.Trade;
import dev.exchange.relay.book.RelayBook;
import dev.exchange.relay.json.Payloads;
import dev.exchange.relay.streams.AccountHub;
import dev.exchange.relay.streams.StreamHub;
import dev.exchange.service.instruments.InstrumentCache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Everything the relay knows, rebuilt from the topics, and the fan-out of each record to its
 * streams. Mutated only by the feed thread ({@link #onRecord}); REST and the ticker-array timer
 * read the concurrent maps.
 *
 * <p>Deduplication (the relay reads {@code read_uncommitted}): per symbol, a trade id, book update
 * id, order-event sequence, candle (open time, last trade id, closed) or ticker (time, last trade
 * id) that is not newer than the last one delivered is dropped; per account, a balance ledger entry
 * whose sequence is not above the last one delivered (the accounts job writes at-least-once).
 */
@Component
public class MarketMirror {

  private static final Logger LOG = LoggerFactory.getLogger(MarketMirror.class);
  private static final String[] SPEEDS = {"", "@100ms", "@1000ms"};
  private static final int[] PARTIAL_LEVELS = {5, 10, 20};

  private final StreamHub hub;
  private final AccountHub accounts;
  private final Map<String, RelayBook> books = new ConcurrentHashMap<>();
  private final InstrumentCache instruments = new InstrumentCache();
  private final Map<String, Ticker> tickers = new ConcurrentHashMap<>();
  private final Map<String, Trade> lastTrades = new ConcurrentHashMap<>();
  private final Map<String, Long> lastSequences = new ConcurrentHashMap<>();
  private final Map<String, Long> lastBalanceSequences = new ConcurrentHashMap<>();

  /** The last firing delivered per alert id. */
  private final Map<String, Long> lastAlertFirings = new ConcurrentHashMap<>();

  private final Map<String, long[]> lastCandles = new ConcurrentHashMap<>();
  private final Map<String, long[][]> lastTops = new ConcurrentHashMap<>();
  private final Set<String> changedTickers = ConcurrentHashMap.newKeySet();
  private final Map<String, SymbolStreams> names = new ConcurrentHashMap<>();
  private final Counter duplicates;
  private final Counter gaps;
  private final Counter rewinds;
  private final Counter undecodable;

  public MarketMirror(StreamHub hub, AccountHub accounts, MeterRegistry meters) {
    this.hub = hub;
    this.accounts = accounts;
    this.duplicates = meters.counter("relay.records.duplicate");
    this.gaps = meters.counter("relay.records.gap");
    this.rewinds = meters.counter("relay.records.rewind");
    this.undecodable = meters.counter("relay.records.undecodable");
  }

  /** Applies one record of any relay topic and publishes what it changed. Feed thread only. */
  public void onRecord(String topic, byte[] key, byte[] value, long timestamp) {
    if (value == null) {
      if (topic.equals(Topics.INSTRUMENTS) && key != null) {
        instruments.remove(new String(key, StandardCharsets.UTF_8));
      }
      return;
    }
    SpecificRecord record;
    try {
      record = EventSerde.decodeAny(value);
    } catch (RuntimeException e) {
      undecodable.increment();
      LOG.warn("skipping undecodable record on {}: {}", topic, e.getMessage());
      return;
    }
    if (record instanceof BookDelta d) {
      onDelta(d, Arrays.hashCode(value), timestamp);
    } else if (record instanceof BookSnapshot s) {
      onSnapshot(s, timestamp);
    } else if (record instanceof Trade t) {
      onTrade(t, timestamp);
    } else if (record instanceof OrderEvent e) {
      onOrderEvent(e);
    } else if (record instanceof BalanceEvent b) {
      onBalance(b, timestamp);
    } else if (record instanceof AlertFired f) {
      onAlert(f, timestamp);
    } else if (record instanceof CommandRejection r) {
      accounts.publish(r.getAccount(), AccountHub.STREAM, () -> Payloads.cancelRejected(r));
    } else if (record instanceof Candle c) {
      onCandle(c, timestamp);
    } else if (record instanceof Ticker t) {
      onTicker(t);
    } else if (record instanceof Instrument i) {
      onInstrument(i);
    }
  }

  private void onInstrument(Instrument i) {
    try {
      instruments.put(InstrumentSpec.fromRecord(i));
    } catch (IllegalArgumentException e) {
      undecodable.increment();
      LOG.warn("skipping invalid instrument {}: {}", i.getSymbol(), e.getMessage());
    }
  }

  private void onTrade(Trade t, long timestamp) {
    String symbol = t.getSymbol();
    Trade last = lastTrades.get(symbol);
    if (last != null && t.getTradeId() <= last.getTradeId()) {
      duplicates.increment();
      return;
    }
    if (last != null && t.getTradeId() > last.getTradeId() + 1) {
      gaps.increment();
      LOG.warn(
          "trade gap on {}: {} after {} (trades have no snapshot; delivering on)",
          symbol,
          t.getTradeId(),
          last.getTradeId());
    }
    lastTrades.put(symbol, t);
    hub.publish(streams(symbol).trade, false, () -> Payloads.trade(t, timestamp));
  }

  private void onOrderEvent(OrderEvent e) {
    Long last = lastSequences.get(e.getSymbol());
    if (last != null && e.getSequence() <= last) {
      duplicates.increment();
      return;
    }
    lastSequences.put(e.getSymbol(), e.getSequence());
    accounts.publish(e.getAccount(), AccountHub.STREAM, () -> Payloads.executionReport(e));
  }

  private void onBalance(BalanceEvent b, long timestamp) {
    Long last = lastBalanceSequences.get(b.getAccount());
    if (last != null && b.getSequence() <= last) {
      duplicates.increment();
      return;
    }
    lastBalanceSequences.put(b.getAccount(), b.getSequence());
    if (b.getRejectReason() != null) {
      return; // a refused transfer changed nothing: no position to report
    }
    if (b.getKind() == LedgerEntryKind.DEPOSIT || b.getKind() == LedgerEntryKind.WITHDRAWAL) {
      accounts.publish(
          b.getAccount(), AccountHub.TRANSFERS, () -> Payloads.balanceUpdate(b, timestamp));
    }
    accounts.publish(
        b.getAccount(), AccountHub.BALANCES, () -> Payloads.accountPosition(b, timestamp));
  }

  /**
   * A fired alert to its owner's private sessions, once: (alertId, firing) is unique, so a copy
   * read again (an aborted transaction's record and its replay) is dropped.
   */
  private void onAlert(AlertFired f, long timestamp) {
    Long last = lastAlertFirings.get(f.getAlertId());
    if (last != null && f.getFiring() <= last) {
      duplicates.increment();
      return;
    }
    lastAlertFirings.put(f.getAlertId(), f.getFiring());
    accounts.publish(f.getAccount(), AccountHub.ALERTS, () -> Payloads.alert(f, timestamp));
  }

  private void onCandle(Candle c, long timestamp) {
    String key = c.getSymbol() + '|' + c.getInterval();
    long[] version = {c.getOpenTime(), c.getLastTradeId(), c.getClosed() ? 1 : 0};
    long[] last = lastCandles.get(key);
    if (last != null && Arrays.compare(version, last) <= 0) {
      duplicates.increment();
      return;
    }
    lastCandles.put(key, version);
    String stream = streams(c.getSymbol()).prefix + "@kline_" + c.getInterval();
    hub.publish(stream, true, () -> Payloads.kline(c, timestamp));
  }

  private void onTicker(Ticker t) {
    String symbol = t.getSymbol();
    Ticker last = tickers.get(symbol);
    if (last != null
        && (t.getTime() < last.getTime()
            || (t.getTime() == last.getTime() && t.getLastTradeId() <= last.getLastTradeId()))) {
      duplicates.increment();
      return;
    }
    tickers.put(symbol, t);
    changedTickers.add(symbol);
    hub.publish(streams(symbol).ticker, true, () -> tickerJson(t, t.getTime()));
  }

  private String tickerJson(Ticker t, long eventTime) {
    RelayBook book = books.get(t.getSymbol());
    Trade last = lastTrades.get(t.getSymbol());
    long lastQuantity =
        last != null && last.getTradeId() == t.getLastTradeId() ? last.getQuantity() : 0;
    return Payloads.ticker(t, book == null ? null : book.top(), lastQuantity, eventTime);
  }

  private void onDelta(BookDelta d, int hash, long timestamp) {
    String symbol = d.getSymbol();
    RelayBook book = books.computeIfAbsent(symbol, RelayBook::new);
    RelayBook.Outcome outcome = book.apply(d, hash);
    SymbolStreams s = streams(symbol);
    switch (outcome) {
      case APPLIED -> {
        String[] payload = new String[1];
        for (String diff : s.diffs) {
          hub.publish(
              diff,
              false,
              () ->
                  payload[0] != null
                      ? payload[0]
                      : (payload[0] = Payloads.depthUpdate(d, timestamp)));
        }
        publishViews(book, s);
      }
      case DUPLICATE -> duplicates.increment();
      case GAP -> {
        gaps.increment();
        LOG.warn(
            "book gap on {}: U={} after u={}; waiting for the next snapshot",
            symbol,
            d.getFirstUpdateId(),
            book.lastUpdateId());
      }
      case REWIND -> {
        rewinds.increment();
        LOG.warn(
            "book rewind on {}: update {} differs from the one delivered; closing diff subscribers",
            symbol,
            d.getLastUpdateId());
        hub.closeSubscribers(List.of(s.diffs), "book rewound: reconnect and resnapshot");
      }
      default -> {
        // waiting for a snapshot: nothing to deliver
      }
    }
  }

  private void onSnapshot(BookSnapshot snapshot, long timestamp) {
    String symbol = snapshot.getSymbol();
    RelayBook book = books.computeIfAbsent(symbol, RelayBook::new);
    RelayBook.Resync resync = book.apply(snapshot);
    SymbolStreams s = streams(symbol);
    switch (resync.outcome()) {
      case RESYNCED -> {
        LOG.info(
            "book {} resynchronized at {} (diff {}..{} sent to subscribers)",
            symbol,
            snapshot.getLastUpdateId(),
            resync.diff().firstUpdateId(),
            resync.diff().lastUpdateId());
        String payload =
            Payloads.depthUpdate(
                symbol,
                resync.diff(),
                snapshot.getPriceScale(),
                snapshot.getQuantityScale(),
                timestamp);
        for (String diff : s.diffs) {
          hub.publish(diff, false, () -> payload);
        }
        publishViews(book, s);
      }
      case RESET -> {
        hub.closeSubscribers(List.of(s.diffs), "book rewound: reconnect and resnapshot");
        publishViews(book, s);
      }
      case STARTED -> publishViews(book, s);
      default -> duplicates.increment();
    }
  }

  /** Partial-depth and book-ticker streams: full views, built only when someone listens. */
  private void publishViews(RelayBook book, SymbolStreams s) {
    for (int i = 0; i < s.partials.length; i++) {
      int levels = PARTIAL_LEVELS[i / SPEEDS.length];
      if (hub.hasSubscribers(s.partials[i])) {
        hub.publish(s.partials[i], true, () -> Payloads.partialDepth(book.depth(levels)));
      }
    }
    long[][] top = book.top();
    long[][] previous = lastTops.put(book.symbol(), top);
    if (previous == null || !sameTop(previous, top)) {
      hub.publish(
          s.bookTicker,
          true,
          () ->
              Payloads.bookTicker(
                  book.symbol(),
                  book.lastUpdateId(),
                  top,
                  book.priceScale(),
                  book.quantityScale()));
    }
  }

  private static boolean sameTop(long[][] a, long[][] b) {
    return Arrays.equals(a[0], b[0]) && Arrays.equals(a[1], b[1]);
  }

  /** {@code !ticker@arr}: the tickers changed since the last flush, as one array, once a second. */
  @Scheduled(fixedDelayString = "${exchange.relay.ticker-array-interval:1s}")
  void publishTickerArray() {
    if (changedTickers.isEmpty()) {
      return;
    }
    List<String> symbols = new ArrayList<>(changedTickers);
    changedTickers.removeAll(symbols);
    if (!hub.hasSubscribers(dev.exchange.relay.streams.StreamName.ALL_TICKERS)) {
      return;
    }
    long now = System.currentTimeMillis();
    hub.publish(
        dev.exchange.relay.streams.StreamName.ALL_TICKERS,
        true,
        () -> {
          StringBuilder out = new StringBuilder(symbols.size() * 520).append('[');
          boolean first = true;
          for (String symbol : symbols) {
            Ticker t = tickers.get(symbol);
            if (t == null) {
              continue;
            }
            if (!first) {
              out.append(',');
            }
            first = false;
            out.append(tickerJson(t, now));
          }
          return out.append(']').toString();
        });
  }

  // ---- read side (REST) ----

  public RelayBook book(String symbol) {
    return books.get(symbol);
  }

  public InstrumentSpec instrument(String symbol) {
    return instruments.get(symbol);
  }

  /** The listed instruments, by symbol. */
  public List<InstrumentSpec> instruments() {
    return instruments.all();
  }

  /** Marks the instrument list caught up (the feed read it to the end offsets seen at start). */
  public void instrumentsCaughtUp() {
    instruments.markCaughtUp();
  }

  public Ticker ticker(String symbol) {
    return tickers.get(symbol);
  }

  public Trade lastTrade(String symbol) {
    return lastTrades.get(symbol);
  }

  /** Known symbols: listed instruments plus any symbol seen on a data topic. */
  public boolean isKnown(String symbol) {
    return instruments.get(symbol) != null || books.containsKey(symbol);
  }

  private SymbolStreams streams(String symbol) {
    return names.computeIfAbsent(symbol, SymbolStreams::new);
  }

  /** Stream names of one symbol, built once. */
  private static final class SymbolStreams {
    final String prefix;
    final String trade;
    final String ticker;
    final String bookTicker;
    final String[] diffs;
    final String[] partials;

    SymbolStreams(String symbol) {
      prefix = symbol.toLowerCase(Locale.ROOT);
      trade = prefix + "@trade";
      ticker = prefix + "@ticker";
      bookTicker = prefix + "@bookTicker";
      diffs = new String[SPEEDS.length];
      for (int i = 0; i < SPEEDS.length; i++) {
        diffs[i] = prefix + "@depth" + SPEEDS[i];
      }
      partials = new String[PARTIAL_LEVELS.length * SPEEDS.length];
      for (int l = 0; l < PARTIAL_LEVELS.length; l++) {
        for (int i = 0; i < SPEEDS.length; i++) {
          partials[l * SPEEDS.length + i] = prefix + "@depth" + PARTIAL_LEVELS[l] + SPEEDS[i];
        }
      }
    }
  }
}
