package dev.exchange.relay.streams;

/** Something frames are delivered to: a WebSocket session. Must never block the caller. */
public interface Subscriber {

  /** Queues a frame for sending; returns at once (may drop it or close a slow session). */
  void deliver(Frame frame);

  /** Closes the session so that the client reconnects and resnapshots (book rewound). */
  void closeForResync(String reason);
}
