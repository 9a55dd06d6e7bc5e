package dev.exchange.jobs.common;

import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;

/**
 * The guard of the jobs that hold the exchange's state (accounts: balances; matching: books)
 * against starting without it. Without a savepoint or checkpoint such a job reads its input from
 * the earliest offset still retained; once retention has deleted the log's beginning (7 days), that
 * is a partial log, and the state rebuilt from it is wrong (deposits missing, resting orders lost)
 * while looking healthy. So they refuse to start empty unless told to with {@link #FLAG}: the first
 * start of an environment, or a deliberate rebuild from a complete log.
 */
public final class EmptyStart {

  public static final JobFlag FLAG =
      JobFlag.withDefault(
          "allow-empty-start",
          false,
          "start without a savepoint or checkpoint, reading the inputs from the earliest offset"
              + " (only the first start of an environment; otherwise refused)");

  private EmptyStart() {}

  /**
   * Throws unless the operator was restored from a savepoint or checkpoint, or an empty start is
   * {@code allowed}.
   */
  public static void check(boolean restored, boolean allowed, String job) {
    if (!restored && !allowed) {
      throw new IllegalStateException(
          "the "
              + job
              + " job has no state to start from: restore it from its latest savepoint or"
              + " checkpoint, or, for the first start of an environment only, pass --"
              + FLAG.name()
              + " true (it would otherwise rebuild its state from whatever part of its input log"
              + " is still retained)");
    }
  }

  /**
   * A job's keyed function that refuses to start without restored state unless allowed ({@link
   * #check}); all its state is keyed state, snapshotted by the backend.
   */
  public abstract static class Refusing<O> extends KeyedProcessFunction<String, RawRecord, O>
      implements CheckpointedFunction {

    private static final long serialVersionUID = 1L;

    private final String job;
    private final boolean allowEmptyStart;

    protected Refusing(String job, boolean allowEmptyStart) {
      this.job = job;
      this.allowEmptyStart = allowEmptyStart;
    }

    @Override
    public final void initializeState(FunctionInitializationContext context) {
      check(context.isRestored(), allowEmptyStart, job);
    }

    @Override
    public final void snapshotState(FunctionSnapshotContext context) {
      // Keyed state only: the backend snapshots it.
    }
  }
}
