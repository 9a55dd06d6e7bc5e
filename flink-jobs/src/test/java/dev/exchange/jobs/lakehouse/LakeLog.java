package dev.exchange.jobs.lakehouse;

import dev.exchange.jobs.testing.KafkaIo;
import dev.exchange.lakehouse.LakehouseRows;
import dev.exchange.lakehouse.testing.SampleRecords;
import dev.exchange.model.EventSerde;
import dev.exchange.model.avro.BalanceEvent;
import dev.exchange.model.avro.Candle;
import dev.exchange.model.avro.LedgerEntryKind;
import dev.exchange.model.avro.OrderEvent;
import dev.exchange.model.avro.Trade;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;

/**
 * Generated inputs of the lakehouse job over about two UTC days before {@code end}: trades of three
 * symbols, candles as the market-data job emits them (open 1m updates, closed 1m candles, open 1h
 * updates and each hour's closed 1h candle, the fold of its trades) plus an upstream replay of some
 * closed hours, order events, and ledger entries; and the rows they must leave in Iceberg, computed
 * from the records directly.
 */
final class LakeLog {

  static final List<String> SYMBOLS = List.of("BTCUSDT", "ETHUSDT", "SOLUSDT");
  private static final long HOUR = 3_600_000L;

  final List<Trade> trades = new ArrayList<>();
  final List<Candle> candles = new ArrayList<>();
  final List<OrderEvent> events = new ArrayList<>();

  /** Ledger entries of a few accounts: each fill credits the buyer's base and charges a fee. */
  final List<BalanceEvent> ledger = new ArrayList<>();

  /** Every closed 1h candle, once (the replayed ones are in {@link #candles} twice). */
  final List<Candle> closedHours = new ArrayList<>();

  LakeLog(long seed, int tradeCount, long end) {
    Random random = new Random(seed);
    long start = end - 40 * HOUR;
    long step = (end - start) / tradeCount;
    Map<String, Long> ids = new HashMap<>();
    Map<String, Candle> hours = new HashMap<>();
    for (int i = 0; i < tradeCount; i++) {
      String symbol = SYMBOLS.get(random.nextInt(SYMBOLS.size()));
      long id = ids.merge(symbol, 1L, Long::sum);
      long time = start + i * step;
      long price = 1_000_000 + random.nextInt(100_000);
      long quantity = 1 + random.nextInt(200_000_000);
      trades.add(SampleRecords.trade(symbol, id, time, price, quantity));
      events.add(SampleRecords.fill(symbol, id, time, "o-" + symbol + "-" + id, price, quantity));
      addLedgerEntries("acct-" + random.nextInt(6), symbol, id, time, quantity);
      long minute = time - time % 60_000;
      Candle update = SampleRecords.closedMinute(symbol, minute, price, quantity, id);
      update.setClosed(false);
      candles.add(update);
      Candle hour = hours.get(symbol);
      if (hour != null && hour.getOpenTime() != time - time % HOUR) {
        close(hour);
        hour = null;
      }
      Candle one = SampleRecords.closedHour(symbol, time - time % HOUR, price, quantity, id);
      hour = hour == null ? one : fold(hour, one);
      hour.setClosed(false);
      hours.put(symbol, hour);
      if (id % 7 == 0) {
        candles.add(Candle.newBuilder(hour).build());
      }
      candles.add(Candle.newBuilder(update).setClosed(true).build());
    }
    // One closed candle per (symbol, minute): keep the last update of each minute closed only.
    List<Candle> kept = new ArrayList<>();
    Map<String, Candle> closedByMinute = new HashMap<>();
    for (Candle c : candles) {
      if (c.getClosed() && c.getInterval().equals("1m")) {
        closedByMinute.put(c.getSymbol() + "/" + c.getOpenTime(), c);
      }
    }
    for (Candle c : candles) {
      if (!c.getClosed()
          || !c.getInterval().equals("1m")
          || closedByMinute.get(c.getSymbol() + "/" + c.getOpenTime()) == c) {
        kept.add(c);
      }
    }
    candles.clear();
    candles.addAll(kept);
    // The watermark closes each symbol's last hour.
    for (String symbol : SYMBOLS) {
      if (hours.containsKey(symbol)) {
        close(hours.get(symbol));
      }
    }
    // An upstream re-run re-publishes the first closed hours: stored once all the same.
    candles.addAll(closedHours.subList(0, 4));
  }

  private void close(Candle hour) {
    Candle closed = Candle.newBuilder(hour).setClosed(true).build();
    candles.add(closed);
    closedHours.add(closed);
  }

  /** An hour candle followed by a later one-trade candle of the same hour, folded. */
  private static Candle fold(Candle c, Candle next) {
    return Candle.newBuilder(c)
        .setHigh(Math.max(c.getHigh(), next.getHigh()))
        .setLow(Math.min(c.getLow(), next.getLow()))
        .setClose(next.getClose())
        .setVolume(c.getVolume() + next.getVolume())
        .setQuoteVolume(c.getQuoteVolume() + next.getQuoteVolume())
        .setTradeCount(c.getTradeCount() + next.getTradeCount())
        .setTakerBuyVolume(c.getTakerBuyVolume() + next.getTakerBuyVolume())
        .setTakerBuyQuoteVolume(c.getTakerBuyQuoteVolume() + next.getTakerBuyQuoteVolume())
        .setLastTradeId(next.getLastTradeId())
        .build();
  }

  private final Map<String, long[]> accounts = new HashMap<>();

  /** A TRADE entry receiving base, then its FEE (a thousandth, rounded up). */
  private void addLedgerEntries(String account, String symbol, long tradeId, long time, long qty) {
    long[] state = accounts.computeIfAbsent(account, a -> new long[2]); // {sequence, free}
    long fee = (qty + 999) / 1000;
    String orderId = "o-" + symbol + "-" + tradeId;
    state[1] += qty;
    ledger.add(
        new BalanceEvent(
            account,
            ++state[0],
            time,
            LedgerEntryKind.TRADE,
            "BTC",
            8,
            qty,
            0L,
            state[1],
            0L,
            symbol,
            orderId,
            tradeId,
            null,
            null));
    state[1] -= fee;
    ledger.add(
        new BalanceEvent(
            account,
            ++state[0],
            time,
            LedgerEntryKind.FEE,
            "BTC",
            8,
            -fee,
            0L,
            state[1],
            0L,
            symbol,
            orderId,
            tradeId,
            null,
            null));
  }

  static List<KafkaIo.Entry> entries(
      List<? extends org.apache.avro.specific.SpecificRecord> records) {
    List<KafkaIo.Entry> out = new ArrayList<>();
    for (var r : records) {
      String symbol = r.get(0).toString();
      long time =
          r instanceof Trade t
              ? t.getTime()
              : r instanceof OrderEvent e
                  ? e.getTime()
                  : r instanceof BalanceEvent b ? b.getTime() : ((Candle) r).getOpenTime();
      out.add(new KafkaIo.Entry(symbol, EventSerde.encode(r), time));
    }
    return out;
  }

  /** The rows of {@code exchange.trades}, as sorted strings (a list: duplicates would show). */
  List<String> expectedTrades() {
    return rows(trades.stream().map(LakehouseRows::trade).toList());
  }

  List<String> expectedEvents() {
    return rows(events.stream().map(LakehouseRows::orderEvent).toList());
  }

  /** The rows of {@code exchange.ledger}: every entry once. */
  List<String> expectedLedger() {
    return rows(ledger.stream().map(LakehouseRows::ledgerEntry).toList());
  }

  List<String> expectedCandles() {
    return rows(
        candles.stream()
            .filter(LakehouseRows::isClosedMinute)
            .map(LakehouseRows::candle1m)
            .toList());
  }

  /** The rows of {@code exchange.candles_1h}: every closed hour once. */
  List<String> expectedHours() {
    return rows(closedHours.stream().map(LakehouseRows::candle1h).toList());
  }

  static List<String> rows(List<Record> records) {
    List<String> out = new ArrayList<>();
    for (Record r : records) {
      out.add(render(r));
    }
    out.sort(null);
    return out;
  }

  /** Every column by name, exact values (BigDecimal with scale, timestamps with micros). */
  static String render(Record r) {
    StringBuilder b = new StringBuilder();
    Schema schema = new Schema(r.struct().fields());
    for (Types.NestedField f : schema.columns()) {
      b.append(f.name()).append('=').append(r.getField(f.name())).append(';');
    }
    return b.toString();
  }
}
