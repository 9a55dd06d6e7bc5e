package dev.exchange.jobs.history;

import dev.exchange.jobs.common.RawRecord;
import dev.exchange.jobs.common.TopicNames;
import java.time.Duration;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * The hot-tier sink: checked records of trades, order events and candles written with idempotent
 * upserts by {@link HistoryWriter}; at-least-once, so effectively exactly-once rows.
 */
public final class PostgresHistorySink implements Sink<RawRecord> {

  private static final long serialVersionUID = 1L;

  public static final int DEFAULT_BATCH_SIZE = 2000;
  public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofMillis(200);
  public static final Duration DEFAULT_MAINTENANCE_INTERVAL = Duration.ofHours(1);

  private final HistoryDb db;
  private final TopicNames topics;
  private final Partitions partitions;
  private final int batchSize;
  private final Duration flushInterval;
  private final Duration maintenanceInterval;

  public PostgresHistorySink(HistoryDb db, TopicNames topics, Partitions partitions) {
    this(
        db,
        topics,
        partitions,
        DEFAULT_BATCH_SIZE,
        DEFAULT_FLUSH_INTERVAL,
        DEFAULT_MAINTENANCE_INTERVAL);
  }

  public PostgresHistorySink(
      HistoryDb db,
      TopicNames topics,
      Partitions partitions,
      int batchSize,
      Duration flushInterval,
      Duration maintenanceInterval) {
    this.db = db;
    this.topics = topics;
    this.partitions = partitions;
    this.batchSize = batchSize;
    this.flushInterval = flushInterval;
    this.maintenanceInterval = maintenanceInterval;
  }

  @Override
  public SinkWriter<RawRecord> createWriter(WriterInitContext context) {
    return new HistoryWriter(
        db,
        topics,
        partitions,
        context.getTaskInfo().getIndexOfThisSubtask() == 0,
        batchSize,
        flushInterval.toMillis(),
        maintenanceInterval.toMillis(),
        context.getProcessingTimeService(),
        context.metricGroup().counter("historyRowsWritten"));
  }
}
