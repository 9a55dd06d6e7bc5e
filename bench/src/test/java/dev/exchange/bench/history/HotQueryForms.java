package dev.exchange.bench.history;

import dev.exchange.localservices.PostgresServer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.BinaryOperator;

/**
 * A/B of the forms the hot tier's 1000-candle query can take (docs/benchmarks.md, history-service,
 * run J): the same 1000-row windows of a {@code candles} table shaped like the history migration's,
 * the forms interleaved per window in one JVM, each row decoded the way its form needs into exact
 * decimals at the instrument's scale; then PostgreSQL's own execution time per form.
 *
 * <pre>
 * ./mvnw -B -q -pl bench -am test-compile dependency:build-classpath \
 *   -Dmdep.outputFile=target/test-cp.txt -Dmdep.includeScope=test
 * java -cp bench/target/test-classes:bench/target/classes:$(cat bench/target/test-cp.txt) \
 *     dev.exchange.bench.history.HotQueryForms [workDir]
 * </pre>
 */
public final class HotQueryForms {

  private static final int ROWS = 50_000;
  private static final int WINDOW = 1000;
  private static final int WARMUP = 300;
  private static final int MEASURED = 1500;
  private static final String[] AMOUNTS = {
    "open",
    "high",
    "low",
    "close",
    "volume",
    "quote_volume",
    "taker_buy_volume",
    "taker_buy_quote_volume"
  };
  private static final String[] SCALES = {
    "price_scale",
    "price_scale",
    "price_scale",
    "price_scale",
    "quantity_scale",
    "price_scale + quantity_scale",
    "quantity_scale",
    "price_scale + quantity_scale"
  };

  /** A form's SELECT and whether its amounts come back as int8 units at the scale. */
  private record Form(String sql, boolean units) {}

  private HotQueryForms() {}

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args.length > 0 ? args[0] : "bench/target/hot-query-forms");
    Map<String, Form> forms = new LinkedHashMap<>();
    forms.put(
        "int8 units (power)",
        form(
            (amount, scale) -> "(" + amount + " * power(10::numeric, " + scale + "))::int8", true));
    forms.put("raw numeric", form((amount, scale) -> amount, false));
    forms.put("trim_scale", form((amount, scale) -> "trim_scale(" + amount + ")", false));
    forms.put(
        "round(x, scale)", form((amount, scale) -> "round(" + amount + ", " + scale + ")", false));
    forms.put("text", form((amount, scale) -> amount + "::text", false));
    try (PostgresServer pg = PostgresServer.start(work.resolve("postgres"))) {
      pg.createDatabase("forms");
      try (Connection c =
          DriverManager.getConnection(pg.jdbcUrl("forms"), pg.user(), pg.password())) {
        seed(c);
        Map<String, PreparedStatement> statements = new LinkedHashMap<>();
        Map<String, long[]> nanos = new LinkedHashMap<>();
        for (Map.Entry<String, Form> f : forms.entrySet()) {
          statements.put(f.getKey(), c.prepareStatement(f.getValue().sql()));
          nanos.put(f.getKey(), new long[MEASURED]);
        }
        Random random = new Random(1);
        long checksum = 0;
        for (int i = 0; i < WARMUP + MEASURED; i++) {
          int first = 1 + random.nextInt(ROWS - WINDOW);
          for (Map.Entry<String, Form> f : forms.entrySet()) {
            long t0 = System.nanoTime();
            checksum += run(statements.get(f.getKey()), f.getValue().units(), first);
            if (i >= WARMUP) {
              nanos.get(f.getKey())[i - WARMUP] = System.nanoTime() - t0;
            }
          }
        }
        for (Map.Entry<String, long[]> n : nanos.entrySet()) {
          long[] v = n.getValue();
          Arrays.sort(v);
          System.out.printf(
              "%-20s JDBC query + decode p50 %.2f ms, p90 %.2f ms, p99 %.2f ms; PostgreSQL"
                  + " execution %s%n",
              n.getKey(),
              v[v.length / 2] / 1e6,
              v[v.length * 9 / 10] / 1e6,
              v[v.length * 99 / 100] / 1e6,
              execution(c, forms.get(n.getKey()).sql()));
        }
        System.out.println("checksum " + checksum);
      }
    }
  }

  /** {@code column} makes an amount's select expression from its name and its scale's. */
  private static Form form(BinaryOperator<String> column, boolean units) {
    StringBuilder sql = new StringBuilder("select open_time");
    for (int i = 0; i < AMOUNTS.length; i++) {
      sql.append(", ").append(column.apply(AMOUNTS[i], SCALES[i]));
    }
    sql.append(
        ", trade_count, price_scale, quantity_scale from candles where symbol = ? and interval = ?"
            + " and open_time >= ? and open_time < ? order by open_time");
    return new Form(sql.toString(), units);
  }

  private static void seed(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(
          "create table candles (symbol text not null, interval text not null, open_time"
              + " timestamptz not null, open numeric(38,18) not null, high numeric(38,18) not"
              + " null, low numeric(38,18) not null, close numeric(38,18) not null, volume"
              + " numeric(38,18) not null, quote_volume numeric(38,18) not null, trade_count"
              + " bigint not null, taker_buy_volume numeric(38,18) not null,"
              + " taker_buy_quote_volume numeric(38,18) not null, price_scale smallint not null,"
              + " quantity_scale smallint not null, primary key (symbol, interval, open_time))");
      s.execute(
          "insert into candles select 'BTCUSDT', '1m', to_timestamp(60 * g), 43000.12 + g % 100,"
              + " 43100.50, 42900.01, 43050.99, 12.34567 + g % 7, (12.34567 + g % 7) * 43050.99,"
              + " g % 50 + 1, 6.50000, 6.5 * 43050.99, 2, 5 from generate_series(1, "
              + ROWS
              + ") g");
      s.execute("analyze candles");
    }
  }

  /** Runs one window and decodes every amount exactly at its scale; answers a checksum. */
  private static long run(PreparedStatement p, boolean units, int firstMinute) throws SQLException {
    p.setString(1, "BTCUSDT");
    p.setString(2, "1m");
    p.setObject(3, minute(firstMinute));
    p.setObject(4, minute(firstMinute + WINDOW));
    long sum = 0;
    try (ResultSet rs = p.executeQuery()) {
      while (rs.next()) {
        int ps = rs.getInt(11);
        int qs = rs.getInt(12);
        int[] scales = {ps, ps, ps, ps, qs, ps + qs, qs, ps + qs};
        sum += rs.getObject(1, OffsetDateTime.class).toInstant().toEpochMilli();
        for (int i = 0; i < AMOUNTS.length; i++) {
          BigDecimal amount =
              units
                  ? BigDecimal.valueOf(rs.getLong(2 + i), scales[i])
                  : rs.getBigDecimal(2 + i).setScale(scales[i], RoundingMode.UNNECESSARY);
          sum += amount.unscaledValue().longValue();
        }
      }
    }
    return sum;
  }

  private static OffsetDateTime minute(int minute) {
    return OffsetDateTime.ofInstant(Instant.ofEpochSecond(60L * minute), ZoneOffset.UTC);
  }

  private static String execution(Connection c, String sql) throws SQLException {
    String literal =
        sql.replace("symbol = ?", "symbol = 'BTCUSDT'")
            .replace("interval = ?", "interval = '1m'")
            .replace("open_time >= ?", "open_time >= to_timestamp(600000)")
            .replace("open_time < ?", "open_time < to_timestamp(660000)");
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("explain (analyze, timing off) " + literal)) {
      while (rs.next()) {
        String line = rs.getString(1);
        if (line.startsWith("Execution Time")) {
          return line.substring("Execution Time: ".length());
        }
      }
    }
    return "?";
  }
}
