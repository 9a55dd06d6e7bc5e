package dev.exchange.delivery.store;

/** What became of one attempt; the {@code outcome} column of {@code alerts.deliveries}. */
public enum Outcome {
  /** Delivered: the receiver answered 2xx, or the SMTP server accepted the message. */
  SENT,
  /** Not delivered, tried again after the backoff. */
  RETRIED,
  /** Not delivered, and no further try: the last one, or an error a retry cannot mend. */
  FAILED
}
