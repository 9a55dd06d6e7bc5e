package dev.exchange.delivery.store;

/** How a firing reaches its owner; the {@code channel} column of {@code alerts.deliveries}. */
public enum Channel {
  WEBHOOK,
  EMAIL
}
