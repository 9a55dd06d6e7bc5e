package dev.exchange.jobs.history;

import dev.exchange.jobs.common.DeadLetters;
import dev.exchange.jobs.common.OutRecord;
import dev.exchange.jobs.common.RawRecord;
import dev.exchange.jobs.common.TopicNames;
import dev.exchange.model.InvalidEventException;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Lets through the records the writer can store and sends the others to {@code exchange.dlq} with
 * the reason, so that poison never crash-loops the job. The writer decodes again: records between
 * operators stay {@link RawRecord} POJOs (Avro classes would need Kryo, which is disabled).
 */
public final class RecordCheck extends ProcessFunction<RawRecord, RawRecord> {

  private static final long serialVersionUID = 1L;

  public static final String JOB = "history";

  public static final OutputTag<OutRecord> DEAD_LETTERS =
      new OutputTag<>("history-dead-letters", TypeInformation.of(OutRecord.class));

  private final TopicNames topics;
  private transient DeadLetters.Meter deadLetters;

  public RecordCheck(TopicNames topics) {
    this.topics = topics;
  }

  @Override
  public void open(OpenContext openContext) {
    deadLetters = DeadLetters.meter(getRuntimeContext());
  }

  @Override
  public void processElement(RawRecord r, Context ctx, Collector<RawRecord> out) {
    String reasonCode;
    String reason;
    try {
      HistoryRecords.decode(r, topics);
      out.collect(r);
      return;
    } catch (HistoryRecords.UnsupportedScaleException e) {
      reasonCode = HistoryRecords.UNSUPPORTED_SCALE;
      reason = e.getMessage();
    } catch (InvalidEventException e) {
      reasonCode = HistoryRecords.MALFORMED;
      reason = e.getMessage();
    }
    deadLetters.count(reasonCode);
    ctx.output(DEAD_LETTERS, DeadLetters.record(topics, r, reasonCode, reason, JOB));
  }
}
