package dev.exchange.jobs.matching;

import dev.exchange.jobs.common.DeadLetters;
import dev.exchange.jobs.common.EmptyStart;
import dev.exchange.jobs.common.OutRecord;
import dev.exchange.jobs.common.RawRecord;
import dev.exchange.jobs.common.TopicNames;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.util.Collector;

/**
 * Runs {@link CommandProcessor} per symbol with the book in RocksDB keyed state ({@link
 * FlinkBookState}), held in memory across commands ({@link CachedBooks}).
 */
public final class MatchingFunction extends EmptyStart.Refusing<OutRecord> {

  private static final long serialVersionUID = 1L;

  private final TopicNames topics;
  private final int snapshotInterval;
  private transient CachedBooks books;
  private transient CommandProcessor processor;
  private transient Counter internalErrors;

  /**
   * The last commands the quantiles of {@code matchingLatencyMs} are computed over, per subtask:
   * milliseconds from a command's Kafka timestamp (the edge's send) to its processing here, Kafka
   * queueing plus matching. Exported by the Prometheus reporter as a summary ({@code
   * flink_taskmanager_job_task_operator_matchingLatencyMs{quantile=...}}; docs/observability.md).
   * After a restore it includes the replay's age, which is what a trader waits then too.
   */
  private static final int LATENCY_WINDOW = 10_000;

  private transient Histogram latency;

  /**
   * @param allowEmptyStart whether the function may start without restored state ({@link
   *     EmptyStart})
   */
  public MatchingFunction(TopicNames topics, int snapshotInterval, boolean allowEmptyStart) {
    super(MatchingJob.NAME, allowEmptyStart);
    this.topics = topics;
    this.snapshotInterval = snapshotInterval;
  }

  @Override
  public void open(OpenContext openContext) {
    books = new CachedBooks(new FlinkBookState(getRuntimeContext()), snapshotInterval);
    internalErrors = DeadLetters.internalErrors(getRuntimeContext());
    processor =
        new CommandProcessor(
            topics, internalErrors::inc, DeadLetters.meter(getRuntimeContext())::count);
    latency =
        getRuntimeContext()
            .getMetricGroup()
            .histogram("matchingLatencyMs", new DescriptiveStatisticsHistogram(LATENCY_WINDOW));
  }

  /** Commands the book threw on since this instance opened. */
  long internalErrors() {
    return internalErrors.getCount();
  }

  @Override
  public void processElement(RawRecord envelope, Context ctx, Collector<OutRecord> out) {
    processor.process(envelope, books, out::collect);
    latency.update(Math.max(0, System.currentTimeMillis() - envelope.timestamp));
  }
}
