package dev.exchange.jobs.history;

import dev.exchange.jobs.common.RawRecord;
import dev.exchange.jobs.common.TopicNames;
import dev.exchange.model.avro.BalanceEvent;
import dev.exchange.model.avro.Candle;
import dev.exchange.model.avro.OrderEvent;
import dev.exchange.model.avro.Trade;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buffers decoded rows and writes them in one PostgreSQL transaction per flush: when the buffer is
 * full, every flush interval, and before every checkpoint barrier ({@link #flush} is called then),
 * so a completed checkpoint means every record before it is committed in PostgreSQL (at-least-once;
 * the upserts make repeats change nothing).
 *
 * <p>Within a buffer, duplicate keys are folded first (the newest order event per order, the latest
 * update per candle bucket, the newest entry per balance, one row per trade, event or ledger key):
 * fewer rows to write, and a multi-row {@code INSERT ... ON CONFLICT DO UPDATE} may not touch one
 * row twice.
 *
 * <p>Any SQL error closes the connection and fails the task: Flink restarts the job from the last
 * checkpoint and replays into the idempotent upserts. Subtask 0 also runs partition maintenance
 * (ahead and retention) at start and then every {@code maintenanceIntervalMs}.
 */
final class HistoryWriter implements SinkWriter<RawRecord> {

  private static final Logger LOG = LoggerFactory.getLogger(HistoryWriter.class);

  private final HistoryDb db;
  private final TopicNames topics;
  private final Partitions partitions;
  private final boolean maintains;
  private final int batchSize;
  private final long flushIntervalMs;
  private final long maintenanceIntervalMs;
  private final ProcessingTimeService timers;
  private final Counter rowsWritten;

  private final Map<String, Trade> trades = new LinkedHashMap<>();
  private final Map<String, OrderEvent> events = new LinkedHashMap<>();
  private final Map<String, OrderEvent> orders = new LinkedHashMap<>();
  private final Map<String, Candle> candles = new LinkedHashMap<>();
  private final Map<String, BalanceEvent> ledger = new LinkedHashMap<>();
  private final Map<String, BalanceEvent> balances = new LinkedHashMap<>();
  private int buffered;

  /** Partitions known to exist, per table (a cache: reset with the connection). */
  private final Map<String, Set<LocalDate>> knownDays = new HashMap<>();

  private Connection connection;
  private long nextMaintenance = Long.MIN_VALUE;

  HistoryWriter(
      HistoryDb db,
      TopicNames topics,
      Partitions partitions,
      boolean maintains,
      int batchSize,
      long flushIntervalMs,
      long maintenanceIntervalMs,
      ProcessingTimeService timers,
      Counter rowsWritten) {
    this.db = db;
    this.topics = topics;
    this.partitions = partitions;
    this.maintains = maintains;
    this.batchSize = batchSize;
    this.flushIntervalMs = flushIntervalMs;
    this.maintenanceIntervalMs = maintenanceIntervalMs;
    this.timers = timers;
    this.rowsWritten = rowsWritten;
    scheduleTick();
  }

  @Override
  public void write(RawRecord record, Context context) throws IOException {
    // Records reach here already checked by RecordCheck; a failure now is a bug, not poison.
    SpecificRecord decoded = HistoryRecords.decode(record, topics);
    if (decoded instanceof Trade t) {
      trades.putIfAbsent(t.getSymbol() + "/" + t.getTradeId(), t);
    } else if (decoded instanceof OrderEvent e) {
      events.putIfAbsent(e.getSymbol() + "/" + e.getSequence(), e);
      orders.merge(e.getOrderId(), e, (a, b) -> b.getSequence() > a.getSequence() ? b : a);
    } else if (decoded instanceof Candle c) {
      candles.merge(
          c.getSymbol() + "/" + c.getInterval() + "/" + c.getOpenTime(),
          c,
          (a, b) -> HistoryRecords.later(b, a) ? b : a);
    } else if (decoded instanceof BalanceEvent b) {
      ledger.putIfAbsent(b.getAccount() + "/" + b.getSequence(), b);
      if (HistoryRecords.applies(b)) {
        balances.merge(
            b.getAccount() + "/" + b.getAsset(),
            b,
            (x, y) -> y.getSequence() > x.getSequence() ? y : x);
      }
    }
    if (++buffered >= batchSize) {
      writeBuffered();
    }
  }

  @Override
  public void flush(boolean endOfInput) throws IOException {
    writeBuffered();
  }

  private void scheduleTick() {
    timers.registerTimer(timers.getCurrentProcessingTime() + flushIntervalMs, now -> tick(now));
  }

  private void tick(long now) throws IOException {
    if (maintains && now >= nextMaintenance) {
      try {
        List<String> dropped = partitions.maintain(connection());
        if (!dropped.isEmpty()) {
          LOG.info(
              "history: dropped partitions past {} days: {}", partitions.retentionDays(), dropped);
          knownDays.clear();
        }
        nextMaintenance = now + maintenanceIntervalMs;
      } catch (SQLException e) {
        throw failed("partition maintenance", e);
      }
    }
    writeBuffered();
    scheduleTick();
  }

  private void writeBuffered() throws IOException {
    if (buffered == 0) {
      return;
    }
    try {
      Connection c = connection();
      for (Trade t : trades.values()) {
        ensurePartition(c, "trades", Partitions.day(t.getTime()));
      }
      for (OrderEvent e : events.values()) {
        ensurePartition(c, "order_events", Partitions.day(e.getTime()));
      }
      c.setAutoCommit(false);
      try (PreparedStatement ts = c.prepareStatement(HistoryRecords.INSERT_TRADE);
          PreparedStatement es = c.prepareStatement(HistoryRecords.INSERT_ORDER_EVENT);
          PreparedStatement os = c.prepareStatement(HistoryRecords.UPSERT_ORDER);
          PreparedStatement cs = c.prepareStatement(HistoryRecords.UPSERT_CANDLE);
          PreparedStatement ls = c.prepareStatement(HistoryRecords.INSERT_LEDGER);
          PreparedStatement bs = c.prepareStatement(HistoryRecords.UPSERT_BALANCE)) {
        for (Trade t : trades.values()) {
          HistoryRecords.bind(ts, t);
          ts.addBatch();
        }
        for (OrderEvent e : events.values()) {
          HistoryRecords.bindEvent(es, e);
          es.addBatch();
        }
        for (OrderEvent e : orders.values()) {
          HistoryRecords.bindOrder(os, e);
          os.addBatch();
        }
        for (Candle k : candles.values()) {
          HistoryRecords.bind(cs, k);
          cs.addBatch();
        }
        for (BalanceEvent b : ledger.values()) {
          HistoryRecords.bind(ls, b);
          ls.addBatch();
        }
        for (BalanceEvent b : balances.values()) {
          HistoryRecords.bindBalance(bs, b);
          bs.addBatch();
        }
        ts.executeBatch();
        es.executeBatch();
        os.executeBatch();
        cs.executeBatch();
        ls.executeBatch();
        bs.executeBatch();
      }
      c.commit();
      rowsWritten.inc(
          trades.size()
              + events.size()
              + orders.size()
              + candles.size()
              + ledger.size()
              + balances.size());
      trades.clear();
      events.clear();
      orders.clear();
      candles.clear();
      ledger.clear();
      balances.clear();
      buffered = 0;
    } catch (SQLException e) {
      throw failed("writing " + buffered + " records", e);
    }
  }

  private void ensurePartition(Connection c, String table, LocalDate day) throws SQLException {
    Set<LocalDate> known = knownDays.computeIfAbsent(table, t -> new HashSet<>());
    if (!known.contains(day)) {
      partitions.ensure(c, table, day);
      known.add(day);
    }
  }

  private Connection connection() throws SQLException {
    if (connection == null) {
      connection = db.connect();
      knownDays.clear();
    }
    return connection;
  }

  private IOException failed(String what, SQLException e) {
    closeConnection();
    return new IOException(
        "history: " + what + " in PostgreSQL failed (" + db + "); the job restarts and replays", e);
  }

  private void closeConnection() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        LOG.debug("history: closing the connection failed", e);
      }
      connection = null;
    }
  }

  @Override
  public void close() {
    // Buffered rows after the last checkpoint are dropped on purpose: they are replayed from it.
    closeConnection();
  }
}
