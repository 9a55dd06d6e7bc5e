package dev.exchange.jobs.lakehouse;

import dev.exchange.jobs.common.JobConfig;
import dev.exchange.jobs.common.JobFlag;
import dev.exchange.jobs.common.JobOptions;
import dev.exchange.jobs.common.JobSpec;
import dev.exchange.jobs.common.KafkaIn;
import dev.exchange.jobs.common.OperatorUids;
import dev.exchange.jobs.common.OutRecord;
import dev.exchange.jobs.common.RawRecord;
import dev.exchange.jobs.common.TopicNames;
import dev.exchange.lakehouse.LakehouseCatalog;
import dev.exchange.lakehouse.LakehouseTables;
import dev.exchange.model.KafkaConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.dag.Transformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.flink.util.ParameterTool;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.DistributionMode;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.flink.TableLoader;
import org.apache.iceberg.flink.sink.FlinkSink;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The lakehouse job (Iceberg cold tier): {@code exchange.trades}, {@code exchange.candles} (closed
 * 1m and 1h only), {@code exchange.order-events} and {@code exchange.balances}, read_committed,
 * into the Iceberg tables {@code exchange.trades}, {@code exchange.candles_1m}, {@code
 * exchange.candles_1h}, {@code exchange.order_events} and {@code exchange.ledger} with Iceberg's
 * {@link FlinkSink}, which commits the files of a checkpoint when the checkpoint completes; poison
 * to {@code exchange.dlq}. A job of its own, separate from the PostgreSQL history job and from
 * matching, so a slow or failing lake holds back only itself. docs/history.md, "Cold tier".
 *
 * <p>Flags: {@link #SPEC} (the job catalog, dev.exchange.jobs.JobCatalog).
 */
public final class LakehouseJob {

  public static final String NAME = "lakehouse";

  /** Argument prefix of the Iceberg catalog properties. */
  public static final String CATALOG_PREFIX = "lakehouse.";

  /**
   * One commit per checkpoint per table: a minute keeps files and snapshots few; the cold tier
   * serves ranges older than the hot tier's retention, so freshness within a minute is plenty.
   */
  public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofMinutes(1);

  static final JobFlag CATALOG =
      JobFlag.optional(
          CATALOG_PREFIX,
          "the Iceberg catalog properties, --lakehouse.<property> value; those of"
              + " LakehouseCatalog.ENVIRONMENT may come from the environment instead");

  /**
   * The catalog properties a deployment gives as environment variables, one flag each ({@code
   * --lakehouse.catalog-impl} or {@code EXCHANGE_LAKEHOUSE_CATALOG_IMPL}, …), so that the catalog
   * lists them; {@link LakehouseCatalog#REQUIRED} ones are required here.
   */
  static final List<JobFlag> CATALOG_SETTINGS = catalogSettings(true);

  /**
   * The catalog flags of a job that reads the lakehouse's catalog: {@link #CATALOG_SETTINGS}, with
   * the required ones optional when {@code required} is false (the history job, for which the cold
   * tier is optional).
   */
  public static List<JobFlag> catalogSettings(boolean required) {
    List<JobFlag> flags = new ArrayList<>();
    LakehouseCatalog.ENVIRONMENT.forEach(
        (property, variable) -> {
          String name = CATALOG_PREFIX + property;
          String description = "Iceberg catalog property " + property;
          JobFlag flag =
              required && LakehouseCatalog.REQUIRED.contains(property)
                  ? JobFlag.required(name, description)
                  : JobFlag.optional(name, description);
          flags.add(flag.orEnvironment(variable));
        });
    flags.add(CATALOG);
    return List.copyOf(flags);
  }

  static final JobFlag MAINTENANCE =
      JobFlag.withDefault(
          "maintenance", true, "compact and expire the tables in this job (LakehouseMaintenance)");
  static final JobFlag MAINTENANCE_SETTINGS =
      JobFlag.optional(
          LakehouseMaintenance.PREFIX,
          "the maintenance settings, --maintenance.<setting> value (LakehouseMaintenance.fromArgs)");

  public static final JobSpec SPEC =
      new JobSpec(
          NAME,
          LakehouseJob.class,
          "trades, candles, order events, balances -> Iceberg, dlq",
          DEFAULT_CHECKPOINT_INTERVAL,
          false,
          flags());

  private static List<JobFlag> flags() {
    List<JobFlag> flags = new ArrayList<>(CATALOG_SETTINGS);
    flags.addAll(List.of(MAINTENANCE, MAINTENANCE_SETTINGS));
    return flags;
  }

  private LakehouseJob() {}

  /**
   * The exchange defaults ({@link JobConfig#exchangeDefaults}) with one exception: Iceberg's
   * FlinkSink passes its writer results to the committer as a type Flink serializes with Kryo
   * ({@code FlinkWriteResult}), so generic types must be allowed in this job. Only that internal
   * record uses Kryo: our state is a {@code Long} per key, our records are POJOs and {@code
   * RowData}, and the committer's state uses its own serializers.
   */
  public static Configuration config(Duration checkpointInterval) {
    Configuration conf =
        JobConfig.exchangeDefaults(checkpointInterval, JobConfig.STORAGE_BUFFER_TIMEOUT);
    conf.set(PipelineOptions.GENERIC_TYPES, true);
    return conf;
  }

  /** Where the job writes: a loader per table, built from the catalog properties. */
  public record Tables(
      TableLoader trades,
      TableLoader candles1m,
      TableLoader candles1h,
      TableLoader orderEvents,
      TableLoader ledger) {

    public static Tables of(Map<String, String> catalogProperties) {
      String impl = catalogProperties.get(CatalogProperties.CATALOG_IMPL);
      if (impl == null) {
        throw new IllegalArgumentException(
            "lakehouse catalog properties lack catalog-impl: "
                + LakehouseCatalog.redacted(catalogProperties));
      }
      CatalogLoader catalog =
          CatalogLoader.custom(
              LakehouseCatalog.NAME,
              catalogProperties,
              new org.apache.hadoop.conf.Configuration(false),
              impl);
      return new Tables(
          loader(catalog, LakehouseTables.TRADES),
          loader(catalog, LakehouseTables.CANDLES_1M),
          loader(catalog, LakehouseTables.CANDLES_1H),
          loader(catalog, LakehouseTables.ORDER_EVENTS),
          loader(catalog, LakehouseTables.LEDGER));
    }

    private static TableLoader loader(CatalogLoader catalog, TableIdentifier id) {
      return TableLoader.fromCatalog(catalog, id);
    }
  }

  /**
   * Adds the job's graph to {@code env}; {@code maintenance} null leaves the tables' compaction and
   * snapshot expiry to another job.
   */
  public static void build(
      StreamExecutionEnvironment env,
      Source<RawRecord, ?, ?> source,
      Tables tables,
      Sink<OutRecord> deadLetters,
      TopicNames topics,
      LakehouseMaintenance maintenance) {
    SingleOutputStreamOperator<RowData> trades =
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "lakehouse inputs")
            .uid(OperatorUids.LAKEHOUSE_SOURCE)
            .keyBy(LakehouseRouter::key)
            .process(
                new LakehouseRouter(topics), LakehouseRouter.rowType(LakehouseTables.TRADES_SCHEMA))
            .uid(OperatorUids.LAKEHOUSE_ROUTER)
            .name("decode, drop replays, to rows");
    sink(trades, tables.trades(), OperatorUids.LAKEHOUSE_TRADES_SINK, env.getParallelism());
    sink(
        trades.getSideOutput(LakehouseRouter.CANDLES),
        tables.candles1m(),
        OperatorUids.LAKEHOUSE_CANDLES_SINK,
        env.getParallelism());
    sink(
        trades.getSideOutput(LakehouseRouter.CANDLES_1H),
        tables.candles1h(),
        OperatorUids.LAKEHOUSE_CANDLES_1H_SINK,
        env.getParallelism());
    sink(
        trades.getSideOutput(LakehouseRouter.ORDER_EVENTS),
        tables.orderEvents(),
        OperatorUids.LAKEHOUSE_ORDER_EVENTS_SINK,
        env.getParallelism());
    sink(
        trades.getSideOutput(LakehouseRouter.LEDGER),
        tables.ledger(),
        OperatorUids.LAKEHOUSE_LEDGER_SINK,
        env.getParallelism());
    trades
        .getSideOutput(LakehouseRouter.DEAD_LETTERS)
        .sinkTo(deadLetters)
        .uid(OperatorUids.LAKEHOUSE_DLQ_SINK)
        .name("exactly-once dead letters");
    if (maintenance != null) {
      maintenance.addTo(env, tables.trades(), "trades");
      maintenance.addTo(env, tables.candles1m(), "candles-1m");
      // One small file per (month, symbol) and checkpoint that closed an hour: compaction keeps a
      // month of a symbol at a file or two, which is what a year-long read opens.
      maintenance.addTo(env, tables.candles1h(), "candles-1h");
      maintenance.addTo(env, tables.orderEvents(), "order-events");
      maintenance.addTo(env, tables.ledger(), "ledger");
    }
  }

  /**
   * Iceberg's FlinkSink: writers (uid {@code <uidPrefix>-writer}) roll files per partition and hand
   * them to one committer ({@code <uidPrefix>-committer}) at each checkpoint; the committer commits
   * them when the checkpoint completes, once per checkpoint id (recorded in the snapshot summary,
   * so a restore never commits twice). Distribution NONE: the router's keyBy already puts each
   * symbol on one writer, so a (day, symbol) partition gets one file per checkpoint without a
   * second shuffle.
   */
  private static void sink(
      DataStream<RowData> rows, TableLoader table, String uidPrefix, int parallelism) {
    DataStreamSink<Void> end =
        FlinkSink.forRowData(rows)
            .tableLoader(table)
            .distributionMode(DistributionMode.NONE)
            .writeParallelism(parallelism)
            .uidPrefix(uidPrefix)
            .append()
            .uid(uidPrefix + "-end")
            .name(uidPrefix);
    committerMaxParallelism(end, uidPrefix + "-committer");
  }

  /**
   * Gives Iceberg's committer the job's max parallelism ({@link JobConfig#MAX_PARALLELISM}) in
   * place of Iceberg's 1; its parallelism stays 1. A savepoint stores an operator's state with the
   * max parallelism of the task (operator chain) it ran in, and a restore fails when the operator's
   * task in the new graph has another one. Flink chains the committer behind its writers when they
   * run at parallelism 1 (a task of max parallelism 128) and not at 2 (a task of its own, max
   * parallelism 1), so a savepoint taken at the one parallelism did not restore at the other. With
   * one max parallelism for all of them the chains no longer matter. 128 is what the committer
   * always had at parallelism 1, the stack's default, so those savepoints still restore. Iceberg's
   * 1 only forbade scaling the committer out, which our deployments never do: its parallelism is
   * fixed (docs/decisions.md, "Flink jobs: one max parallelism").
   */
  static void committerMaxParallelism(DataStreamSink<?> end, String committerUid) {
    List<Transformation<?>> inputs = end.getTransformation().getInputs();
    if (inputs.size() != 1
        || !committerUid.equals(inputs.get(0).getUid())
        || inputs.get(0).getParallelism() != 1) {
      throw new IllegalStateException(
          "Iceberg's FlinkSink no longer ends in one committer "
              + committerUid
              + " of parallelism 1 (the end's inputs are "
              + inputs
              + "): its max parallelism must be fixed anew");
    }
    inputs.get(0).setMaxParallelism(JobConfig.MAX_PARALLELISM);
  }

  /**
   * The four input topics, read_committed. Without state (a first deploy) the job starts at the
   * group's committed offsets, else at the earliest: the cold tier is append-only, so a stateless
   * redeploy must not re-append what it stored before. Normal redeploys restore a savepoint, where
   * the positions and the sink's pending commits live.
   */
  public static KafkaSource<RawRecord> kafkaSource(
      KafkaConnection kafka, TopicNames topics, String groupId) {
    return KafkaIn.builder(
            kafka,
            groupId,
            OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST),
            topics.trades(),
            topics.candles(),
            topics.orderEvents(),
            topics.balances())
        .setProperties(JobConfig.storageConsumer())
        .build();
  }

  /**
   * The catalog properties from {@code --lakehouse.<property> value} arguments, with those not
   * given there taken from the environment ({@link LakehouseCatalog#ENVIRONMENT}).
   */
  public static Map<String, String> catalogProperties(
      ParameterTool params, Map<String, String> environment) {
    Map<String, String> p = new LinkedHashMap<>();
    params
        .toMap()
        .forEach(
            (k, v) -> {
              if (k.startsWith(CATALOG_PREFIX)) {
                p.put(k.substring(CATALOG_PREFIX.length()), v);
              }
            });
    return LakehouseCatalog.withEnvironment(p, environment::get);
  }

  public static void main(String[] args) throws Exception {
    JobOptions options = JobOptions.parse(SPEC, args);
    TopicNames topics = options.topics();
    Map<String, String> catalogProperties =
        catalogProperties(options.params(), options.environment());
    // Tables are created here, before submission: a wrong catalog setting fails the deploy once
    // instead of crash-looping the tasks.
    Catalog catalog = LakehouseCatalog.load(catalogProperties);
    try {
      LakehouseCatalog.createTablesIfMissing(catalog);
    } finally {
      LakehouseCatalog.close(catalog);
    }

    StreamExecutionEnvironment env =
        options.environment(options.withCheckpointDir(config(options.checkpointInterval())));
    build(
        env,
        kafkaSource(options.kafka(), topics, options.prefixedName()),
        Tables.of(catalogProperties),
        options.kafkaSink(),
        topics,
        options.getBoolean(MAINTENANCE) ? LakehouseMaintenance.fromArgs(options.params()) : null);
    env.execute(NAME);
  }
}
