package dev.exchange.jobs.common;

import java.io.Serializable;
import java.time.Duration;

/**
 * One program argument of a job ({@code --name value}), as the job catalog lists it: required, with
 * a default, or optional without one ({@code defaultValue} null). A name ending in "." is a prefix:
 * every {@code --<prefix><key> value} belongs to it.
 *
 * @param environment the environment variable that gives the value when the argument is absent
 *     (null: arguments only). The deployments give a job its connections this way (Kafka, JDBC, the
 *     Iceberg catalog: terraform/modules/eks, "Job configuration contract"); a required flag with a
 *     variable is satisfied by either
 */
public record JobFlag(
    String name, boolean required, String defaultValue, String description, String environment)
    implements Serializable {

  public static JobFlag required(String name, String description) {
    return new JobFlag(name, true, null, description, null);
  }

  public static JobFlag withDefault(String name, Object defaultValue, String description) {
    return new JobFlag(name, false, String.valueOf(defaultValue), description, null);
  }

  public static JobFlag millis(String name, Duration defaultValue, String description) {
    return withDefault(name, defaultValue.toMillis(), description);
  }

  /** Optional and without a default: unset means what {@code description} says. */
  public static JobFlag optional(String name, String description) {
    return new JobFlag(name, false, null, description, null);
  }

  /** This flag, also read from the environment variable {@code variable}. */
  public JobFlag orEnvironment(String variable) {
    return new JobFlag(name, required, defaultValue, description, variable);
  }

  public boolean isPrefix() {
    return name.endsWith(".");
  }
}
