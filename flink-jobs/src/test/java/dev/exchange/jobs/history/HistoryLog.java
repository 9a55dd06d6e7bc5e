package dev.exchange.jobs.history;

import dev.exchange.jobs.testing.KafkaIo;
import dev.exchange.model.EventSerde;
import dev.exchange.model.avro.BalanceEvent;
import dev.exchange.model.avro.Candle;
import dev.exchange.model.avro.ExecutionType;
import dev.exchange.model.avro.LedgerEntryKind;
import dev.exchange.model.avro.OrderEvent;
import dev.exchange.model.avro.OrderStatus;
import dev.exchange.model.avro.OrderType;
import dev.exchange.model.avro.Side;
import dev.exchange.model.avro.TimeInForce;
import dev.exchange.model.avro.Trade;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

/**
 * Generated inputs of the history job (trades, candle updates, order events, ledger entries over
 * about a day and a half before {@code end}) and the rows they must leave in PostgreSQL, computed
 * without the job's code.
 */
final class HistoryLog {

  static final List<String> SYMBOLS = List.of("BTCUSDT", "ETHUSDT", "SOLUSDT");
  static final int PRICE_SCALE = 2;
  static final int QUANTITY_SCALE = 8;

  final List<Trade> trades = new ArrayList<>();
  final List<Candle> candles = new ArrayList<>();
  final List<OrderEvent> events = new ArrayList<>();
  final List<BalanceEvent> ledger = new ArrayList<>();

  /** Assets of the ledger entries and their scales (USDT at 6 to see scales kept per asset). */
  static final Map<String, Integer> ASSETS = Map.of("BTC", 8, "USDT", 6);

  HistoryLog(long seed, int tradeCount, int orderCount, long end) {
    Random random = new Random(seed);
    long start = end - 36 * 3_600_000L;
    long step = (end - start) / tradeCount;
    Map<String, Long> tradeIds = new HashMap<>();
    for (int i = 0; i < tradeCount; i++) {
      String symbol = SYMBOLS.get(random.nextInt(SYMBOLS.size()));
      long id = tradeIds.merge(symbol, 1L, Long::sum);
      long price = 1_000_000 + random.nextInt(100_000);
      long qty = 1 + random.nextInt(200_000_000);
      trades.add(
          new Trade(
              symbol,
              id,
              price,
              qty,
              price * qty,
              PRICE_SCALE,
              QUANTITY_SCALE,
              random.nextBoolean() ? Side.BUY : Side.SELL,
              "m-" + symbol + id,
              "t-" + symbol + id,
              "acct-" + random.nextInt(20),
              "acct-" + random.nextInt(20),
              start + i * step));
    }
    // Candle updates: 1h buckets of each symbol, a few updates each, closed except the last one.
    for (String symbol : SYMBOLS) {
      long lastTradeId = 0;
      long first = start - start % 3_600_000L;
      for (long open = first; open < end; open += 3_600_000L) {
        int updates = 1 + random.nextInt(4);
        long firstId = lastTradeId + 1;
        long high = 0;
        long volume = 0;
        Candle c = null;
        for (int u = 0; u < updates; u++) {
          lastTradeId += 1 + random.nextInt(3);
          long p = 1_000_000 + random.nextInt(100_000);
          high = Math.max(high, p);
          volume += 1 + random.nextInt(1_000_000);
          c =
              new Candle(
                  symbol,
                  "1h",
                  open,
                  open + 3_599_999L,
                  1_000_000L,
                  high,
                  990_000L,
                  p,
                  volume,
                  volume * p,
                  (long) u + 1,
                  volume / 2,
                  volume / 2 * p,
                  firstId,
                  lastTradeId,
                  false,
                  PRICE_SCALE,
                  QUANTITY_SCALE);
          candles.add(c);
        }
        if (open + 3_600_000L < end) {
          candles.add(Candle.newBuilder(c).setClosed(true).build());
        }
      }
    }
    // Order events: orders interleaved per symbol, NEW then fills, some market orders without
    // price.
    Map<String, Long> sequences = new HashMap<>();
    List<long[]> open = new ArrayList<>();
    List<OrderEvent> proto = new ArrayList<>();
    long time = start;
    for (int o = 0; o < orderCount; o++) {
      String symbol = SYMBOLS.get(random.nextInt(SYMBOLS.size()));
      boolean market = random.nextInt(5) == 0;
      long qty = 100_000_000L * (1 + random.nextInt(5));
      time += step;
      OrderEvent created =
          new OrderEvent(
              symbol,
              sequences.merge(symbol, 1L, Long::sum),
              "acct-" + random.nextInt(20),
              "order-" + o,
              "c-" + o,
              random.nextBoolean() ? Side.BUY : Side.SELL,
              market ? OrderType.MARKET : OrderType.LIMIT,
              TimeInForce.GTC,
              ExecutionType.NEW,
              OrderStatus.NEW,
              null,
              market ? null : 1_000_000L + random.nextInt(100_000),
              qty,
              null,
              0L,
              0L,
              0L,
              0L,
              0L,
              null,
              false,
              PRICE_SCALE,
              QUANTITY_SCALE,
              time,
              time,
              0L,
              null,
              0);
      events.add(created);
      proto.add(created);
      open.add(new long[] {proto.size() - 1, 0});
      // Fill a random open order partly or fully.
      if (!open.isEmpty() && random.nextBoolean()) {
        int pick = random.nextInt(open.size());
        long[] state = open.get(pick);
        OrderEvent base = proto.get((int) state[0]);
        long fill = Math.min(base.getQuantity() - state[1], 100_000_000L);
        state[1] += fill;
        boolean done = state[1] == base.getQuantity();
        long price = 1_000_000L;
        time += 1;
        events.add(
            OrderEvent.newBuilder(base)
                .setSequence(sequences.merge(base.getSymbol(), 1L, Long::sum))
                .setExecutionType(ExecutionType.TRADE)
                .setStatus(done ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED)
                .setExecutedQuantity(state[1])
                .setCumulativeQuote(state[1] * price)
                .setLastQuantity(fill)
                .setLastPrice(price)
                .setLastQuote(fill * price)
                .setTradeId(time)
                .setTime(time)
                .build());
        if (done) {
          open.remove(pick);
        } else {
          // the next fill of this order starts from its latest state
          proto.set((int) state[0], events.get(events.size() - 1));
        }
      }
    }
    // Sequences were assigned in append order, so events are in sequence order per symbol.
    generateLedger(random, orderCount, start, step);
  }

  /**
   * Ledger entries of a few accounts, each consistent with the balance before it (nothing
   * negative), with refused withdrawals (reject reason, zero deltas) among them.
   */
  private void generateLedger(Random random, int count, long start, long step) {
    Map<String, Long> sequences = new HashMap<>();
    Map<String, long[]> balances = new HashMap<>();
    List<String> assets = List.of("BTC", "USDT");
    for (int i = 0; i < count; i++) {
      String account = "acct-" + random.nextInt(8);
      String asset = assets.get(random.nextInt(assets.size()));
      long[] b = balances.computeIfAbsent(account + "/" + asset, k -> new long[2]);
      LedgerEntryKind kind = LedgerEntryKind.values()[random.nextInt(6)];
      long amount = 1 + random.nextInt(1_000_000_000);
      long freeDelta = 0;
      long lockedDelta = 0;
      String rejectReason = null;
      switch (kind) {
        case DEPOSIT -> freeDelta = amount;
        case WITHDRAWAL -> {
          if (amount > b[0]) {
            rejectReason = "INSUFFICIENT_BALANCE";
          } else {
            freeDelta = -amount;
          }
        }
        case HOLD -> {
          freeDelta = -Math.min(amount, b[0]);
          lockedDelta = -freeDelta;
        }
        case RELEASE -> {
          lockedDelta = -Math.min(amount, b[1]);
          freeDelta = -lockedDelta;
        }
        case TRADE -> {
          if (random.nextBoolean()) {
            lockedDelta = -Math.min(amount, b[1]);
          } else {
            freeDelta = amount;
          }
        }
        case FEE -> freeDelta = -Math.min(amount / 1000, b[0]);
      }
      b[0] += freeDelta;
      b[1] += lockedDelta;
      boolean transfer = kind == LedgerEntryKind.DEPOSIT || kind == LedgerEntryKind.WITHDRAWAL;
      boolean fill = kind == LedgerEntryKind.TRADE || kind == LedgerEntryKind.FEE;
      ledger.add(
          new BalanceEvent(
              account,
              sequences.merge(account, 1L, Long::sum),
              start + i * step,
              kind,
              asset,
              ASSETS.get(asset),
              freeDelta,
              lockedDelta,
              b[0],
              b[1],
              transfer ? null : "BTCUSDT",
              transfer ? null : "order-" + i,
              fill ? (long) i : null,
              transfer ? "transfer-" + i : null,
              rejectReason));
    }
  }

  static List<KafkaIo.Entry> entries(List<? extends org.apache.avro.specific.SpecificRecord> log) {
    List<KafkaIo.Entry> out = new ArrayList<>();
    for (var r : log) {
      String symbol;
      long ts;
      if (r instanceof Trade t) {
        symbol = t.getSymbol();
        ts = t.getTime();
      } else if (r instanceof Candle c) {
        symbol = c.getSymbol();
        ts = c.getCloseTime();
      } else if (r instanceof BalanceEvent b) {
        symbol = b.getAccount();
        ts = b.getTime();
      } else {
        OrderEvent e = (OrderEvent) r;
        symbol = e.getSymbol();
        ts = e.getTime();
      }
      out.add(new KafkaIo.Entry(symbol, EventSerde.encode(r), ts));
    }
    return out;
  }

  // ---- expected rows, formatted as the table dumps below format them ----

  TreeSet<String> expectedTrades() {
    TreeSet<String> out = new TreeSet<>();
    for (Trade t : trades) {
      out.add(
          row(
              t.getSymbol(),
              t.getTradeId(),
              t.getTime(),
              dec(t.getPrice(), PRICE_SCALE),
              dec(t.getQuantity(), QUANTITY_SCALE),
              dec(t.getQuoteQuantity(), PRICE_SCALE + QUANTITY_SCALE),
              PRICE_SCALE,
              QUANTITY_SCALE,
              t.getTakerSide(),
              t.getMakerOrderId(),
              t.getTakerOrderId(),
              t.getMakerAccount(),
              t.getTakerAccount()));
    }
    return out;
  }

  static final String TRADES =
      "select symbol, trade_id, time, price, quantity, quote_quantity, price_scale,"
          + " quantity_scale, taker_side, maker_order_id, taker_order_id, maker_account,"
          + " taker_account from trades";

  TreeSet<String> expectedEvents() {
    TreeSet<String> out = new TreeSet<>();
    for (OrderEvent e : events) {
      out.add(
          row(
              e.getSymbol(),
              e.getSequence(),
              e.getTime(),
              e.getOrderId(),
              e.getStatus(),
              e.getPrice() == null ? null : dec(e.getPrice(), PRICE_SCALE),
              dec(e.getExecutedQuantity(), QUANTITY_SCALE),
              dec(e.getCumulativeQuote(), PRICE_SCALE + QUANTITY_SCALE),
              e.getTradeId()));
    }
    return out;
  }

  static final String EVENTS =
      "select symbol, sequence, time, order_id, status, price, executed_quantity,"
          + " cumulative_quote, trade_id from order_events";

  /** The latest event (highest sequence) of each order. */
  TreeSet<String> expectedOrders() {
    Map<String, OrderEvent> latest = new LinkedHashMap<>();
    for (OrderEvent e : events) {
      latest.merge(e.getOrderId(), e, (a, b) -> b.getSequence() > a.getSequence() ? b : a);
    }
    TreeSet<String> out = new TreeSet<>();
    for (OrderEvent e : latest.values()) {
      out.add(
          row(
              e.getOrderId(),
              e.getClientOrderId(),
              e.getAccount(),
              e.getSymbol(),
              e.getSide(),
              e.getOrderType(),
              e.getTimeInForce(),
              e.getPrice() == null ? null : dec(e.getPrice(), PRICE_SCALE),
              dec(e.getQuantity(), QUANTITY_SCALE),
              dec(e.getExecutedQuantity(), QUANTITY_SCALE),
              dec(e.getCumulativeQuote(), PRICE_SCALE + QUANTITY_SCALE),
              e.getStatus(),
              e.getCreatedTime(),
              e.getTime(),
              e.getSequence()));
    }
    return out;
  }

  static final String ORDERS =
      "select order_id, client_order_id, account, symbol, side, order_type, time_in_force,"
          + " price, quantity, executed_quantity, cumulative_quote, status, created_at,"
          + " updated_at, last_sequence from orders";

  /** The last update of each bucket. */
  TreeSet<String> expectedCandles() {
    Map<String, Candle> last = new LinkedHashMap<>();
    for (Candle c : candles) {
      last.put(c.getSymbol() + c.getInterval() + c.getOpenTime(), c);
    }
    TreeSet<String> out = new TreeSet<>();
    for (Candle c : last.values()) {
      int q = PRICE_SCALE + QUANTITY_SCALE;
      out.add(
          row(
              c.getSymbol(),
              c.getInterval(),
              c.getOpenTime(),
              c.getCloseTime(),
              dec(c.getOpen(), PRICE_SCALE),
              dec(c.getHigh(), PRICE_SCALE),
              dec(c.getLow(), PRICE_SCALE),
              dec(c.getClose(), PRICE_SCALE),
              dec(c.getVolume(), QUANTITY_SCALE),
              dec(c.getQuoteVolume(), q),
              c.getTradeCount(),
              dec(c.getTakerBuyVolume(), QUANTITY_SCALE),
              dec(c.getTakerBuyQuoteVolume(), q),
              c.getFirstTradeId(),
              c.getLastTradeId(),
              c.getClosed()));
    }
    return out;
  }

  static final String CANDLES =
      "select symbol, interval, open_time, close_time, open, high, low, close, volume,"
          + " quote_volume, trade_count, taker_buy_volume, taker_buy_quote_volume, first_trade_id,"
          + " last_trade_id, closed from candles";

  TreeSet<String> expectedLedger() {
    TreeSet<String> out = new TreeSet<>();
    for (BalanceEvent b : ledger) {
      int scale = b.getAssetScale();
      out.add(
          row(
              b.getAccount(),
              b.getSequence(),
              b.getTime(),
              b.getKind(),
              b.getAsset(),
              scale,
              dec(b.getFreeDelta(), scale),
              dec(b.getLockedDelta(), scale),
              dec(b.getFree(), scale),
              dec(b.getLocked(), scale),
              b.getSymbol(),
              b.getOrderId(),
              b.getTradeId(),
              b.getTransferId(),
              b.getRejectReason()));
    }
    return out;
  }

  static final String LEDGER =
      "select account, sequence, time, kind, asset, asset_scale, free_delta, locked_delta, free,"
          + " locked, symbol, order_id, trade_id, transfer_id, reject_reason from ledger";

  /** The balance after the last applied (not refused) entry of each (account, asset). */
  TreeSet<String> expectedBalances() {
    Map<String, BalanceEvent> last = new LinkedHashMap<>();
    for (BalanceEvent b : ledger) {
      if (b.getRejectReason() == null) {
        last.put(b.getAccount() + "/" + b.getAsset(), b);
      }
    }
    TreeSet<String> out = new TreeSet<>();
    for (BalanceEvent b : last.values()) {
      int scale = b.getAssetScale();
      out.add(
          row(
              b.getAccount(),
              b.getAsset(),
              dec(b.getFree(), scale),
              dec(b.getLocked(), scale),
              scale,
              b.getSequence(),
              b.getTime()));
    }
    return out;
  }

  static final String BALANCES =
      "select account, asset, free, locked, asset_scale, sequence, updated_at from balances";

  /** Per asset: the fees collected (minus the FEE entries' free deltas) and their count. */
  TreeSet<String> expectedFees() {
    Map<String, long[]> fees = new HashMap<>();
    for (BalanceEvent b : ledger) {
      if (b.getKind() == LedgerEntryKind.FEE) {
        long[] f = fees.computeIfAbsent(b.getAsset(), k -> new long[2]);
        f[0] -= b.getFreeDelta();
        f[1]++;
      }
    }
    TreeSet<String> out = new TreeSet<>();
    fees.forEach(
        (asset, f) -> out.add(row(asset, ASSETS.get(asset), dec(f[0], ASSETS.get(asset)), f[1])));
    return out;
  }

  static final String FEES = "select asset, asset_scale, collected, entries from fee_ledger";

  /** Every row of a query, formatted: decimals without trailing zeros, times as epoch ms. */
  static TreeSet<String> dump(Connection c, String sql) throws SQLException {
    TreeSet<String> out = new TreeSet<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        Object[] values = new Object[md.getColumnCount()];
        for (int i = 0; i < values.length; i++) {
          Object v = rs.getObject(i + 1);
          if (md.getColumnTypeName(i + 1).equals("timestamptz")) {
            v = rs.getObject(i + 1, OffsetDateTime.class).toInstant().toEpochMilli();
          }
          values[i] = v;
        }
        out.add(row(values));
      }
    }
    return out;
  }

  private static BigDecimal dec(long units, int scale) {
    return BigDecimal.valueOf(units, scale);
  }

  private static String row(Object... values) {
    StringBuilder b = new StringBuilder();
    for (Object v : values) {
      if (v instanceof BigDecimal d) {
        v = d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
      }
      b.append(v).append('|');
    }
    return b.toString();
  }
}
