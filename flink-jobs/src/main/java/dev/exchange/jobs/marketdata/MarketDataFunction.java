package dev.exchange.jobs.marketdata;

import dev.exchange.jobs.common.DeadLetters;
import dev.exchange.jobs.common.OutRecord;
import dev.exchange.jobs.common.RawRecord;
import dev.exchange.jobs.common.TopicNames;
import java.util.Map;
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
 * Runs {@link MarketDataProcessor} per symbol: {@link MarketState} in one RocksDB value, the
 * ticker's finished minutes in RocksDB MapState, and one event-time timer per open bucket that
 * closes it when the watermark passes its close time (for symbols that went quiet).
 */
public final class MarketDataFunction extends KeyedProcessFunction<String, RawRecord, OutRecord> {

  private static final long serialVersionUID = 1L;

  private final TopicNames topics;
  private transient MarketDataProcessor processor;
  private transient ValueState<MarketState> market;
  private transient MapState<Long, MinuteBucket> minutes;
  private transient MinuteStore minuteStore;

  public MarketDataFunction(TopicNames topics) {
    this.topics = topics;
  }

  @Override
  public void open(OpenContext openContext) {
    market =
        getRuntimeContext()
            .getState(new ValueStateDescriptor<>("market", TypeInformation.of(MarketState.class)));
    minutes =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "ticker-minutes", Types.LONG, TypeInformation.of(MinuteBucket.class)));
    minuteStore = new FlinkMinuteStore(minutes);
    processor = new MarketDataProcessor(topics, DeadLetters.meter(getRuntimeContext())::count);
    getRuntimeContext()
        .getMetricGroup()
        .gauge("duplicateTrades", () -> processor == null ? 0L : processor.duplicates());
  }

  @Override
  public void processElement(RawRecord envelope, Context ctx, Collector<OutRecord> out)
      throws Exception {
    MarketState next =
        processor.process(
            envelope,
            market.value(),
            minuteStore,
            closeTime -> ctx.timerService().registerEventTimeTimer(closeTime),
            out::collect);
    if (next != null) {
      market.update(next);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<OutRecord> out)
      throws Exception {
    MarketState state = market.value();
    if (processor.close(ctx.getCurrentKey(), state, timestamp, out::collect)) {
      market.update(state);
    }
  }

  /** The minute store over the function's MapState (current key). */
  private static final class FlinkMinuteStore implements MinuteStore {
    private final MapState<Long, MinuteBucket> state;

    FlinkMinuteStore(MapState<Long, MinuteBucket> state) {
      this.state = state;
    }

    @Override
    public void put(long openTime, MinuteBucket bucket) {
      try {
        state.put(openTime, bucket);
      } catch (Exception e) {
        throw new IllegalStateException("minute state", e);
      }
    }

    @Override
    public void remove(long openTime) {
      try {
        state.remove(openTime);
      } catch (Exception e) {
        throw new IllegalStateException("minute state", e);
      }
    }

    @Override
    public Iterable<Map.Entry<Long, MinuteBucket>> entries() {
      try {
        return state.entries();
      } catch (Exception e) {
        throw new IllegalStateException("minute state", e);
      }
    }
  }
}
