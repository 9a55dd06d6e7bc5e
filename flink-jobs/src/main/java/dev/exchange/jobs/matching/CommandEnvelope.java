package dev.exchange.jobs.matching;

/**
 * A raw record of {@code exchange.orders}: decoding happens in the keyed function, so that an
 * undecodable record reaches the dead-letter topic with its partition and offset instead of failing
 * the source.
 */
public final class CommandEnvelope {
  /** The Kafka key: the symbol. Empty when the record had no key. */
  public String symbol;

  public byte[] value;
  public String topic;
  public int partition;
  public long offset;
  public long timestamp;

  public CommandEnvelope() {}

  public CommandEnvelope(
      String symbol, byte[] value, String topic, int partition, long offset, long timestamp) {
    this.symbol = symbol;
    this.value = value;
    this.topic = topic;
    this.partition = partition;
    this.offset = offset;
    this.timestamp = timestamp;
  }
}
