package dev.exchange.jobs.common;

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
}
