package dev.exchange.relay.streams;

/** How a session's frames are wrapped: the form a {@link Frame} is sent in. */
public enum Framing {
  /** The payload as it is ({@code /ws}, {@code /ws/<listenKey>}, the ticketed private stream). */
  RAW,
  /** {@code {"stream":"<name>","data":<payload>}} ({@code /stream}). */
  COMBINED,
  /**
   * {@code {"subscriptionId":0,"event":<payload>}}: Binance's WebSocket API user data stream
   * ({@code /ws-api/v3}); a session has at most one subscription, so its id is always 0.
   */
  USER_DATA
}
