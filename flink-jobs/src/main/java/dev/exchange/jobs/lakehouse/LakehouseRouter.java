package dev.exchange.jobs.lakehouse;

import dev.exchange.jobs.common.DeadLetters;
import dev.exchange.jobs.common.OutRecord;
import dev.exchange.jobs.common.RawRecord;
import dev.exchange.jobs.common.TopicNames;
import dev.exchange.lakehouse.LakehouseRows;
import dev.exchange.lakehouse.LakehouseTables;
import dev.exchange.model.EventSerde;
import dev.exchange.model.InvalidEventException;
import dev.exchange.model.avro.BalanceEvent;
import dev.exchange.model.avro.Candle;
import dev.exchange.model.avro.OrderEvent;
import dev.exchange.model.avro.Trade;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.apache.iceberg.Schema;
import org.apache.iceberg.flink.FlinkSchemaUtil;

/**
 * Decodes the records of one (topic, symbol) key (for ledger entries: (topic, account)), drops
 * replays, and routes each to its table's stream as Flink {@link RowData}: trades on the main
 * output, closed 1m candles, closed 1h candles, order events and ledger entries on side outputs,
 * poison to the dead letters.
 *
 * <p>Replays: the cold tier is append-only, so a record that reaches the job twice (an upstream job
 * re-run from an older savepoint) would be stored twice. Per symbol, tradeId and order-event
 * sequence are gapless and increasing, and closed candles of one interval come in openTime order,
 * so the state keeps the last id stored per key (for candles: the last 1m openTime, and the last 1h
 * openTime in a state of its own, as the two intervals interleave) and drops anything not newer.
 * This state is checkpointed with the Iceberg sinks' pending files, so a restore never disagrees
 * with what was committed.
 */
final class LakehouseRouter extends KeyedProcessFunction<String, RawRecord, RowData> {

  private static final long serialVersionUID = 1L;

  static final String JOB = "lakehouse";
  static final String MALFORMED = "MALFORMED_RECORD";
  static final String UNSUPPORTED_SCALE = "UNSUPPORTED_SCALE";

  static final OutputTag<RowData> CANDLES =
      new OutputTag<>("lakehouse-candles-1m", rowType(LakehouseTables.CANDLES_1M_SCHEMA));
  static final OutputTag<RowData> CANDLES_1H =
      new OutputTag<>("lakehouse-candles-1h", rowType(LakehouseTables.CANDLES_1H_SCHEMA));
  static final OutputTag<RowData> ORDER_EVENTS =
      new OutputTag<>("lakehouse-order-events", rowType(LakehouseTables.ORDER_EVENTS_SCHEMA));
  static final OutputTag<RowData> LEDGER =
      new OutputTag<>("lakehouse-ledger", rowType(LakehouseTables.LEDGER_SCHEMA));
  static final OutputTag<OutRecord> DEAD_LETTERS =
      new OutputTag<>("lakehouse-dead-letters", TypeInformation.of(OutRecord.class));

  private final TopicNames topics;
  private final RowDataConverter trades = new RowDataConverter(LakehouseTables.TRADES_SCHEMA);
  private final RowDataConverter candles = new RowDataConverter(LakehouseTables.CANDLES_1M_SCHEMA);
  private final RowDataConverter hours = new RowDataConverter(LakehouseTables.CANDLES_1H_SCHEMA);
  private final RowDataConverter events = new RowDataConverter(LakehouseTables.ORDER_EVENTS_SCHEMA);
  private final RowDataConverter ledger = new RowDataConverter(LakehouseTables.LEDGER_SCHEMA);

  private transient ValueState<Long> lastStored;
  private transient ValueState<Long> lastStoredHour;
  private transient DeadLetters.Meter deadLetters;

  LakehouseRouter(TopicNames topics) {
    this.topics = topics;
  }

  /** The key: records of one topic and Kafka key (symbol, or account), in their Kafka order. */
  static String key(RawRecord r) {
    return r.topic + "/" + r.symbol;
  }

  static InternalTypeInfo<RowData> rowType(Schema schema) {
    return InternalTypeInfo.of(FlinkSchemaUtil.convert(schema));
  }

  @Override
  public void open(OpenContext context) {
    lastStored =
        getRuntimeContext().getState(new ValueStateDescriptor<>("last-stored-id", Types.LONG));
    lastStoredHour =
        getRuntimeContext().getState(new ValueStateDescriptor<>("last-stored-hour", Types.LONG));
    deadLetters = DeadLetters.meter(getRuntimeContext());
  }

  @Override
  public void processElement(RawRecord r, Context ctx, Collector<RowData> out) throws Exception {
    try {
      if (r.topic.equals(topics.trades())) {
        Trade t = EventSerde.decode(r.value, Trade.class);
        if (isNew(lastStored, t.getTradeId())) {
          out.collect(trades.convert(LakehouseRows.trade(t)));
          lastStored.update(t.getTradeId());
        }
      } else if (r.topic.equals(topics.orderEvents())) {
        OrderEvent e = EventSerde.decode(r.value, OrderEvent.class);
        if (isNew(lastStored, e.getSequence())) {
          ctx.output(ORDER_EVENTS, events.convert(LakehouseRows.orderEvent(e)));
          lastStored.update(e.getSequence());
        }
      } else if (r.topic.equals(topics.balances())) {
        // At-least-once input: a repeated entry has a sequence already stored and is dropped here.
        BalanceEvent b = EventSerde.decode(r.value, BalanceEvent.class);
        if (isNew(lastStored, b.getSequence())) {
          ctx.output(LEDGER, ledger.convert(LakehouseRows.ledgerEntry(b)));
          lastStored.update(b.getSequence());
        }
      } else if (r.topic.equals(topics.candles())) {
        Candle c = EventSerde.decode(r.value, Candle.class);
        // Open updates and other intervals are not stored in the cold tier (docs/history.md).
        if (LakehouseRows.isClosedMinute(c) && isNew(lastStored, c.getOpenTime())) {
          ctx.output(CANDLES, candles.convert(LakehouseRows.candle1m(c)));
          lastStored.update(c.getOpenTime());
        } else if (LakehouseRows.isClosedHour(c) && isNew(lastStoredHour, c.getOpenTime())) {
          ctx.output(CANDLES_1H, hours.convert(LakehouseRows.candle1h(c)));
          lastStoredHour.update(c.getOpenTime());
        }
      } else {
        throw new IllegalStateException("not a lakehouse input topic: " + r.topic);
      }
    } catch (InvalidEventException e) {
      ctx.output(DEAD_LETTERS, deadLetter(r, MALFORMED, e.getMessage()));
    } catch (LakehouseRows.UnsupportedRecordException e) {
      ctx.output(DEAD_LETTERS, deadLetter(r, UNSUPPORTED_SCALE, e.getMessage()));
    }
  }

  private static boolean isNew(ValueState<Long> state, long id) throws java.io.IOException {
    Long last = state.value();
    return last == null || id > last;
  }

  private OutRecord deadLetter(RawRecord r, String reasonCode, String reason) {
    deadLetters.count(reasonCode);
    return DeadLetters.record(topics, r, reasonCode, reason, JOB);
  }
}
