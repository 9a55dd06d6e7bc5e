package dev.exchange.accounts.core;

/**
 * One asset of one account: {@code free} and {@code locked} in units of {@code 10^-scale}. A plain
 * POJO (public fields, no-arg constructor) because the job keeps it in Flink state with Flink's
 * POJO serializer, which supports schema evolution.
 */
public final class Balance {
  public int scale;
  public long free;
  public long locked;

  public Balance() {}

  public Balance(int scale, long free, long locked) {
    this.scale = scale;
    this.free = free;
    this.locked = locked;
  }
}
