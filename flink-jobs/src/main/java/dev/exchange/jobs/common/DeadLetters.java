package dev.exchange.jobs.common;

import dev.exchange.model.EventSerde;
import dev.exchange.model.avro.DeadLetter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * The dead letter every job writes for a record it cannot process: the record as it arrived (topic,
 * partition, offset, key, value), the reason and the job's name, stamped with the record's own time
 * so that a replay writes identical dead letters.
 */
public final class DeadLetters {

  /**
   * Reason code of a record a job's own code threw on: a bug, not bad input. Each is counted in the
   * operator's {@code internalErrors} metric ({@link #internalErrors}), the one to alert on.
   */
  public static final String INTERNAL_ERROR = "INTERNAL_ERROR";

  private DeadLetters() {}

  /** The operator's counter of {@link #INTERNAL_ERROR} dead letters. */
  public static Counter internalErrors(RuntimeContext context) {
    return context.getMetricGroup().counter("internalErrors");
  }

  /** The operator's dead letters by reason code ({@link Meter}); create it in {@code open()}. */
  public static Meter meter(RuntimeContext context) {
    return meter(context.getMetricGroup());
  }

  /** The dead letters by reason code of an operator's metric group. */
  public static Meter meter(MetricGroup group) {
    return new Meter(group);
  }

  /**
   * Counts an operator's dead letters under their reason code: {@code deadLetters} in a {@code
   * reason} group, which the Prometheus reporter exports as {@code
   * flink_taskmanager_job_task_operator_reason_deadLetters{reason="..."}} (the group's key joins
   * the name, its value is the label; docs/observability.md). One counter per reason seen, created
   * on its first dead letter.
   */
  public static final class Meter {
    private final MetricGroup group;
    private final Map<String, Counter> byReason = new HashMap<>();

    private Meter(MetricGroup group) {
      this.group = group;
    }

    /** Counts one dead letter of {@code reasonCode}. */
    public void count(String reasonCode) {
      byReason
          .computeIfAbsent(reasonCode, r -> group.addGroup("reason", r).counter("deadLetters"))
          .inc();
    }
  }

  /** The dead letter of {@code r}; a null {@code reason} is stored as "". */
  public static DeadLetter of(RawRecord r, String reasonCode, String reason, String job) {
    return new DeadLetter(
        r.topic,
        r.partition,
        r.offset,
        ByteBuffer.wrap(key(r)),
        r.value == null ? null : ByteBuffer.wrap(r.value),
        reasonCode,
        reason == null ? "" : reason,
        job,
        r.timestamp);
  }

  /** {@link #of} encoded for the dead-letter topic, keyed by the record's symbol. */
  public static OutRecord record(
      TopicNames topics, RawRecord r, String reasonCode, String reason, String job) {
    return new OutRecord(
        topics.dlq(), key(r), EventSerde.encode(of(r, reasonCode, reason, job)), r.timestamp);
  }

  private static byte[] key(RawRecord r) {
    return r.symbol.getBytes(StandardCharsets.UTF_8);
  }
}
