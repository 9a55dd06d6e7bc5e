package dev.exchange.jobs;

import dev.exchange.jobs.accounts.AccountsJob;
import dev.exchange.jobs.alerts.AlertsJob;
import dev.exchange.jobs.common.JobFlag;
import dev.exchange.jobs.common.JobSpec;
import dev.exchange.jobs.history.HistoryJob;
import dev.exchange.jobs.lakehouse.LakehouseJob;
import dev.exchange.jobs.marketdata.MarketDataJob;
import dev.exchange.jobs.matching.MatchingJob;
import java.util.List;

/**
 * Every job of the exchange: name, entry class, flags with their defaults and checkpoint interval
 * policy. Published as {@link #RESOURCE} (in the jar and committed at
 * src/main/resources/dev/exchange/jobs/jobs.json, kept equal by JobCatalogTest), which the stack
 * submits its jobs from, the {@code exchange} script lists and Terraform takes the entry classes
 * from (docs/architecture.md, "Where each kind of change goes").
 */
public final class JobCatalog {

  /** In start order: the stack submits them in this order. */
  public static final List<JobSpec> JOBS =
      List.of(
          AccountsJob.SPEC,
          MatchingJob.SPEC,
          MarketDataJob.SPEC,
          HistoryJob.SPEC,
          LakehouseJob.SPEC,
          AlertsJob.SPEC);

  /** The catalog as a class path resource of flink-jobs.jar. */
  public static final String RESOURCE = "dev/exchange/jobs/jobs.json";

  private JobCatalog() {}

  /**
   * The catalog as JSON, one field per line (so that the {@code exchange} script reads the names
   * with sed):
   *
   * <pre>
   * {"jobs": {"&lt;name&gt;": {"entryClass", "description", "defaultCheckpointIntervalMs",
   *   "environmentCheckpointInterval", "flags": [{"name", "required", "default", "description",
   *   "environment"}]}}}
   * </pre>
   */
  public static String json() {
    StringBuilder b = new StringBuilder("{\n");
    b.append("  \"generatedBy\": \"dev.exchange.jobs.JobCatalog (JobCatalogTest)\",\n");
    b.append("  \"jobs\": {\n");
    for (int i = 0; i < JOBS.size(); i++) {
      JobSpec job = JOBS.get(i);
      b.append("    ").append(string(job.name())).append(": {\n");
      b.append("      \"entryClass\": ").append(string(job.entryClass().getName())).append(",\n");
      b.append("      \"description\": ").append(string(job.description())).append(",\n");
      b.append("      \"defaultCheckpointIntervalMs\": ")
          .append(job.defaultCheckpointInterval().toMillis())
          .append(",\n");
      b.append("      \"environmentCheckpointInterval\": ")
          .append(job.environmentCheckpointInterval())
          .append(",\n");
      b.append("      \"flags\": [\n");
      List<JobFlag> flags = job.flags();
      for (int f = 0; f < flags.size(); f++) {
        JobFlag flag = flags.get(f);
        b.append("        {\"name\": ")
            .append(string(flag.name()))
            .append(", \"required\": ")
            .append(flag.required())
            .append(", \"default\": ")
            .append(flag.defaultValue() == null ? "null" : string(flag.defaultValue()))
            .append(", \"description\": ")
            .append(string(flag.description()))
            .append(", \"environment\": ")
            .append(flag.environment() == null ? "null" : string(flag.environment()))
            .append(f < flags.size() - 1 ? "},\n" : "}\n");
      }
      b.append("      ]\n");
      b.append(i < JOBS.size() - 1 ? "    },\n" : "    }\n");
    }
    return b.append("  }\n}\n").toString();
  }

  private static String string(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
