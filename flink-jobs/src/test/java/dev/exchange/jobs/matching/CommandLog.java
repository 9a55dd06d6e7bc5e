package dev.exchange.jobs.matching;

import dev.exchange.jobs.testing.KafkaIo;
import dev.exchange.model.EventSerde;
import dev.exchange.model.avro.CancelAllOrders;
import dev.exchange.model.avro.CancelOrder;
import dev.exchange.model.avro.HaltInstrument;
import dev.exchange.model.avro.InstrumentFilters;
import dev.exchange.model.avro.ListInstrument;
import dev.exchange.model.avro.NewOrder;
import dev.exchange.model.avro.OrderCommand;
import dev.exchange.model.avro.OrderType;
import dev.exchange.model.avro.ResumeInstrument;
import dev.exchange.model.avro.SelfTradePrevention;
import dev.exchange.model.avro.Side;
import dev.exchange.model.avro.TimeInForce;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A deterministic, realistic command log for a few symbols: listings, limit orders around a mid
 * price that cross often, IOC and market orders, cancels (also of unknown orders), cancel-all, a
 * halt and resume, and poison records (garbage bytes, a command under the wrong key). The same seed
 * always gives the same records.
 */
final class CommandLog {

  static final List<String> SYMBOLS = List.of("BTCUSDT", "ETHUSDT", "SOLUSDT");
  static final long START = 1_767_225_600_000L;

  private CommandLog() {}

  static List<KafkaIo.Entry> generate(long seed, int orders) {
    Random random = new Random(seed);
    List<KafkaIo.Entry> log = new ArrayList<>();
    long time = START;
    for (String symbol : SYMBOLS) {
      log.add(
          entry(
              command(
                  symbol,
                  "admin",
                  time,
                  new ListInstrument(
                      symbol.substring(0, 3),
                      "USDT",
                      2,
                      4,
                      new InstrumentFilters(1L, 1L, 1L, 10_000_000L, 100L, 1000, 0, 0, 0, 0),
                      0,
                      0,
                      0,
                      0)),
              time));
    }
    List<String[]> open = new ArrayList<>();
    for (int i = 0; i < orders; i++) {
      time += random.nextInt(3);
      String symbol = SYMBOLS.get(random.nextInt(SYMBOLS.size()));
      String account = "acct-" + random.nextInt(6);
      int kind = random.nextInt(100);
      Object payload;
      if (kind < 65) {
        String orderId = String.format("%08d-%s", i, symbol);
        Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
        long price = 10_000 + random.nextInt(41) - 20;
        TimeInForce tif = kind < 55 ? TimeInForce.GTC : TimeInForce.IOC;
        SelfTradePrevention stp = SelfTradePrevention.values()[random.nextInt(4)];
        payload =
            new NewOrder(
                orderId,
                "c" + i,
                side,
                OrderType.LIMIT,
                tif,
                price,
                (long) (1 + random.nextInt(50)),
                null,
                2,
                4,
                stp,
                null,
                null);
        open.add(new String[] {symbol, account, orderId});
      } else if (kind < 72) {
        payload =
            new NewOrder(
                String.format("%08d-m", i),
                "m" + i,
                random.nextBoolean() ? Side.BUY : Side.SELL,
                OrderType.MARKET,
                TimeInForce.IOC,
                null,
                (long) (1 + random.nextInt(30)),
                null,
                2,
                4,
                SelfTradePrevention.NONE,
                null,
                null);
      } else if (kind < 90 && !open.isEmpty()) {
        String[] victim = open.remove(random.nextInt(open.size()));
        symbol = victim[0];
        account = random.nextInt(10) == 0 ? "intruder" : victim[1];
        payload = new CancelOrder(victim[2], null);
      } else if (kind < 93) {
        payload = new CancelOrder("no-such-order-" + i, null);
      } else if (kind < 96) {
        payload = new CancelAllOrders();
      } else if (kind < 97) {
        payload = new HaltInstrument("test");
        account = "admin";
      } else if (kind < 98) {
        payload = new ResumeInstrument(null);
        account = "admin";
      } else if (kind < 99) {
        log.add(new KafkaIo.Entry(symbol, ("garbage " + i).getBytes(StandardCharsets.UTF_8), time));
        continue;
      } else {
        OrderCommand wrongKey = command("ETHUSDT", account, time, new CancelAllOrders());
        log.add(new KafkaIo.Entry("BTCUSDT", EventSerde.encode(wrongKey), time));
        continue;
      }
      log.add(entry(command(symbol, account, time, payload), time));
    }
    return log;
  }

  static OrderCommand command(String symbol, String account, long time, Object payload) {
    return new OrderCommand(
        "cmd-" + symbol + "-" + time + "-" + payload.hashCode(),
        symbol,
        account,
        time,
        0L,
        0L,
        payload);
  }

  static KafkaIo.Entry entry(OrderCommand command, long time) {
    return new KafkaIo.Entry(command.getSymbol(), EventSerde.encode(command), time);
  }
}
