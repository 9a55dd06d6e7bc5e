package dev.exchange.jobs.testing;

import dev.exchange.jobs.common.RawRecord;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/** Operator test harnesses for the jobs' keyed functions, as the jobs run them. */
public final class KeyedHarness {

  private KeyedHarness() {}

  /**
   * {@code function} keyed by each record's Kafka key, over RocksDB keyed state; not yet
   * initialized or opened (the caller may restore a snapshot first).
   */
  public static <O> KeyedOneInputStreamOperatorTestHarness<String, RawRecord, O> overRocksDb(
      KeyedProcessFunction<String, RawRecord, O> function) throws Exception {
    var h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(function), (RawRecord e) -> e.symbol, Types.STRING);
    h.setStateBackend(new EmbeddedRocksDBStateBackend());
    return h;
  }
}
