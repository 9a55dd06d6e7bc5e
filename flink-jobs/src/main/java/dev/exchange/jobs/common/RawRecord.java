package dev.exchange.jobs.common;

/**
 * A Kafka record as it arrived, not yet decoded. Jobs decode in their keyed function, so that an
 * undecodable record reaches the dead-letter topic with its partition and offset instead of failing
 * the source, and key by {@link #symbol} without decoding.
 */
public final class RawRecord {
  /** The Kafka key: the symbol. Empty when the record had no key. */
  public String symbol;

  public byte[] value;
  public String topic;
  public int partition;
  public long offset;

  /** The Kafka record timestamp (for job outputs: the event time the writing job set). */
  public long timestamp;

  public RawRecord() {}

  public RawRecord(
      String symbol, byte[] value, String topic, int partition, long offset, long timestamp) {
    this.symbol = symbol;
    this.value = value;
    this.topic = topic;
    this.partition = partition;
    this.offset = offset;
    this.timestamp = timestamp;
  }
}
