package dev.exchange.jobs.common;

/**
 * One encoded record for a Kafka topic. Jobs emit these to a single exactly-once sink that writes
 * each to its own topic, so all topics of one checkpoint commit in one transaction.
 */
public final class OutRecord {
  public String topic;
  public byte[] key;
  public byte[] value;
  public long timestamp;

  public OutRecord() {}

  public OutRecord(String topic, byte[] key, byte[] value, long timestamp) {
    this.topic = topic;
    this.key = key;
    this.value = value;
    this.timestamp = timestamp;
  }
}
