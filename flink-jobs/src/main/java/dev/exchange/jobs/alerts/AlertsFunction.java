package dev.exchange.jobs.alerts;

import dev.exchange.jobs.common.DeadLetters;
import dev.exchange.jobs.common.OutRecord;
import dev.exchange.jobs.common.RawRecord;
import dev.exchange.jobs.common.TopicNames;
import dev.exchange.model.AlertChecks;
import dev.exchange.model.EventSerde;
import dev.exchange.model.InvalidEventException;
import dev.exchange.model.avro.AlertCommand;
import dev.exchange.model.avro.AlertDefinition;
import dev.exchange.model.avro.AlertFired;
import dev.exchange.model.avro.AlertKind;
import dev.exchange.model.avro.ExecutionType;
import dev.exchange.model.avro.OrderEvent;
import dev.exchange.model.avro.Trade;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The alerts of one symbol (key): their definitions from {@code exchange.alert-commands}, the
 * symbol's trades and execution reports, and fired alerts out to {@code exchange.alerts}. State:
 * the alerts by id (MapState, an alert's entry removed when it is deleted), the last trade and
 * replay guards ({@link SymbolState}), and the close of every minute of the last 24 hours (for
 * PERCENT_CHANGE). Every output is a function of the state and the input record, alerts visited in
 * id order, so a replay from the same state writes the same bytes (docs/alerts.md).
 */
public final class AlertsFunction extends KeyedProcessFunction<String, RawRecord, OutRecord> {

  private static final long serialVersionUID = 1L;

  public static final String JOB = "alerts";

  /** Not decodable as the record type its topic carries, or a trade of another symbol. */
  public static final String MALFORMED_RECORD = "MALFORMED_RECORD";

  /** A definition that breaks {@link AlertChecks}. */
  public static final String INVALID_ALERT = "INVALID_ALERT";

  static final long MINUTE_MS = 60_000L;

  /** Minutes of closes kept: the longest window and the minute it starts in. */
  static final long KEPT_MINUTES = 1441;

  /** The symbol's alerts by id. */
  static final MapStateDescriptor<String, AlertState> ALERTS =
      new MapStateDescriptor<>("alerts", Types.STRING, TypeInformation.of(AlertState.class));

  /** The symbol's minute closes by epoch minute. */
  static final MapStateDescriptor<Long, Long> MINUTE_CLOSES =
      new MapStateDescriptor<>("minute-closes", Types.LONG, Types.LONG);

  private final TopicNames topics;
  private transient ValueState<SymbolState> symbol;
  private transient MapState<String, AlertState> alerts;
  private transient MapState<Long, Long> minuteCloses;
  private transient DeadLetters.Meter deadLetters;

  public AlertsFunction(TopicNames topics) {
    this.topics = topics;
  }

  @Override
  public void open(OpenContext openContext) {
    symbol =
        getRuntimeContext()
            .getState(new ValueStateDescriptor<>("symbol", TypeInformation.of(SymbolState.class)));
    alerts = getRuntimeContext().getMapState(ALERTS);
    minuteCloses = getRuntimeContext().getMapState(MINUTE_CLOSES);
    deadLetters = DeadLetters.meter(getRuntimeContext());
  }

  @Override
  public void processElement(RawRecord r, Context ctx, Collector<OutRecord> out) throws Exception {
    if (r.topic.equals(topics.alertCommands())) {
      command(r, out);
    } else if (r.topic.equals(topics.trades())) {
      trade(r, out);
    } else if (r.topic.equals(topics.orderEvents())) {
      orderEvent(r, out);
    }
  }

  private void command(RawRecord r, Collector<OutRecord> out) throws Exception {
    AlertCommand command = decode(r, AlertCommand.class, out);
    if (command == null) {
      return;
    }
    AlertDefinition d = command.getAlert();
    String problem = AlertChecks.problem(d);
    if (problem != null) {
      out.collect(deadLetter(r, INVALID_ALERT, problem));
      return;
    }
    SymbolState s = symbolState();
    AlertState existing = alerts.get(d.getAlertId());
    switch (command.getAction()) {
      case CREATE -> {
        if (existing == null) {
          AlertState a = AlertState.of(d);
          a.armed = AlertRules.armedAt(a, s.lastPrice);
          alerts.put(a.alertId, a);
        }
      }
      case PAUSE -> {
        AlertState a = existing != null ? existing : AlertState.of(d);
        a.paused = true;
        alerts.put(a.alertId, a);
      }
      case RESUME -> {
        AlertState a = existing != null ? existing : AlertState.of(d);
        a.paused = false;
        a.armed = AlertRules.armedAt(a, s.lastPrice);
        alerts.put(a.alertId, a);
      }
      case DELETE -> alerts.remove(d.getAlertId());
    }
  }

  private void trade(RawRecord r, Collector<OutRecord> out) throws Exception {
    Trade t = decode(r, Trade.class, out);
    if (t == null) {
      return;
    }
    if (!t.getSymbol().equals(r.symbol)) {
      out.collect(deadLetter(r, MALFORMED_RECORD, "symbol is not the key"));
      return;
    }
    SymbolState s = symbolState();
    if (t.getTradeId() <= s.lastTradeId) {
      return;
    }
    s.lastTradeId = t.getTradeId();
    s.lastPrice = t.getPrice();
    recordMinute(s, t.getTime(), t.getPrice());
    symbol.update(s);

    Map<Integer, Long> references = new HashMap<>();
    for (AlertState a : sortedAlerts()) {
      if (a.paused) {
        continue;
      }
      boolean wasArmed = a.armed;
      AlertFired.Builder fired = null;
      switch (a.kind) {
        case PRICE_ABOVE, PRICE_BELOW -> {
          if (AlertRules.onPrice(a, t.getPrice())) {
            fired = fired(a, t.getSymbol(), t.getPrice(), t.getTime()).setTradeId(t.getTradeId());
          }
        }
        case PERCENT_CHANGE -> {
          Long reference =
              references.computeIfAbsent(a.windowMinutes, w -> referencePrice(s, t.getTime(), w));
          if (reference != null) {
            long change = AlertRules.changeBps(t.getPrice(), reference);
            if (AlertRules.onChange(a, change)) {
              fired =
                  fired(a, t.getSymbol(), t.getPrice(), t.getTime())
                      .setTradeId(t.getTradeId())
                      .setReferencePrice(reference)
                      .setChangeBps(change)
                      .setWindowMinutes(a.windowMinutes);
            }
          }
        }
        case ORDER_FILLED -> {}
      }
      if (fired != null) {
        emit(a, fired.setFiring(++a.firings).build(), out);
      }
      if (fired != null || wasArmed != a.armed) {
        alerts.put(a.alertId, a);
      }
    }
  }

  private void orderEvent(RawRecord r, Collector<OutRecord> out) throws Exception {
    OrderEvent e = decode(r, OrderEvent.class, out);
    if (e == null) {
      return;
    }
    SymbolState s = symbolState();
    if (e.getSequence() <= s.lastOrderEventSequence) {
      return;
    }
    s.lastOrderEventSequence = e.getSequence();
    symbol.update(s);
    if (e.getExecutionType() != ExecutionType.TRADE) {
      return;
    }
    for (AlertState a : sortedAlerts()) {
      if (a.paused || a.kind != AlertKind.ORDER_FILLED || !AlertRules.onFill(a, e)) {
        continue;
      }
      AlertFired fired =
          fired(a, e.getSymbol(), e.getLastPrice(), e.getTime())
              .setTradeId(e.getTradeId())
              .setOrderId(e.getOrderId())
              .setOrderStatus(e.getStatus())
              .setExecutedQuantity(e.getExecutedQuantity())
              .setQuantityScale(e.getQuantityScale())
              .setFiring(++a.firings)
              .build();
      emit(a, fired, out);
      alerts.put(a.alertId, a);
    }
  }

  /** The record decoded, or null after dead-lettering it. */
  private <T extends SpecificRecord> T decode(
      RawRecord r, Class<T> type, Collector<OutRecord> out) {
    try {
      return EventSerde.decode(r.value, type);
    } catch (InvalidEventException e) {
      out.collect(deadLetter(r, MALFORMED_RECORD, e.getMessage()));
      return null;
    }
  }

  private SymbolState symbolState() throws Exception {
    SymbolState s = symbol.value();
    return s != null ? s : new SymbolState();
  }

  /** The alerts in id order: the order their firings are written in, the same on every replay. */
  private List<AlertState> sortedAlerts() throws Exception {
    List<AlertState> list = new ArrayList<>();
    for (AlertState a : alerts.values()) {
      list.add(a);
    }
    list.sort(Comparator.comparing(a -> a.alertId));
    return list;
  }

  /** Keeps the trade's price as its minute's close and drops closes older than a day. */
  private void recordMinute(SymbolState s, long time, long price) throws Exception {
    long minute = Math.floorDiv(time, MINUTE_MS);
    minuteCloses.put(minute, price);
    long keepFrom = minute - KEPT_MINUTES;
    if (s.oldestMinute == null) {
      s.oldestMinute = minute;
    } else if (s.oldestMinute < keepFrom) {
      // Once per minute at most: the scan visits at most a day of minutes.
      List<Long> old = new ArrayList<>();
      long oldest = minute;
      for (Long m : minuteCloses.keys()) {
        if (m < keepFrom) {
          old.add(m);
        } else {
          oldest = Math.min(oldest, m);
        }
      }
      for (Long m : old) {
        minuteCloses.remove(m);
      }
      s.oldestMinute = oldest;
    }
  }

  /**
   * The close of the newest minute at or before {@code windowMinutes} before {@code time}, or null
   * when the kept history does not reach that far back.
   */
  private Long referencePrice(SymbolState s, long time, int windowMinutes) {
    try {
      long target = Math.floorDiv(time, MINUTE_MS) - windowMinutes;
      for (long m = target; s.oldestMinute != null && m >= s.oldestMinute; m--) {
        Long close = minuteCloses.get(m);
        if (close != null) {
          return close;
        }
      }
      return null;
    } catch (Exception e) {
      throw new IllegalStateException("minute closes", e);
    }
  }

  private static AlertFired.Builder fired(AlertState a, String symbol, long price, long time) {
    return AlertFired.newBuilder()
        .setAlertId(a.alertId)
        .setAccount(a.account)
        .setSymbol(symbol)
        .setClientAlertId(a.clientAlertId)
        .setKind(a.kind)
        .setFiring(0L)
        .setPrice(price)
        .setPriceScale(a.priceScale)
        .setLevel(a.level)
        .setWebhookUrl(a.webhookUrl)
        .setEmail(a.email)
        .setTime(time);
  }

  private void emit(AlertState a, AlertFired fired, Collector<OutRecord> out) {
    out.collect(
        new OutRecord(
            topics.alerts(),
            a.account.getBytes(StandardCharsets.UTF_8),
            EventSerde.encode(fired),
            fired.getTime()));
  }

  private OutRecord deadLetter(RawRecord r, String reasonCode, String reason) {
    deadLetters.count(reasonCode);
    return DeadLetters.record(topics, r, reasonCode, reason, JOB);
  }
}
