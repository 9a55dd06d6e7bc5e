package dev.exchange.jobs.matching;

import dev.exchange.jobs.common.OutRecord;
import dev.exchange.jobs.common.RawRecord;
import dev.exchange.jobs.common.TopicNames;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Runs {@link CommandProcessor} per symbol with the book in RocksDB keyed state ({@link
 * FlinkBookState}), read through an in-memory copy ({@link CachedBookStorage}).
 */
public final class MatchingFunction extends KeyedProcessFunction<String, RawRecord, OutRecord> {

  private static final long serialVersionUID = 1L;

  private final TopicNames topics;
  private final int snapshotInterval;
  private transient CachedBookStorage storage;
  private transient CommandProcessor processor;

  public MatchingFunction(TopicNames topics, int snapshotInterval) {
    this.topics = topics;
    this.snapshotInterval = snapshotInterval;
  }

  @Override
  public void open(OpenContext openContext) {
    storage = new CachedBookStorage(new FlinkBookState(getRuntimeContext()));
    processor = new CommandProcessor(topics, snapshotInterval);
  }

  @Override
  public void processElement(RawRecord envelope, Context ctx, Collector<OutRecord> out) {
    processor.process(envelope, storage.select(envelope.symbol), out::collect);
  }
}
