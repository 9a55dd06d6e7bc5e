package dev.exchange.relay.streams;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One serialized event of one stream, shared by every subscriber: the raw payload (as {@code /ws}
 * sends it) and, built once on first use, the combined-stream form {@code
 * {"stream":...,"data":...}} (as {@code /stream} sends it) or the WebSocket API's user data form
 * ({@link Framing#USER_DATA}). Each form is also UTF-8-encoded once, on first use, so that every
 * subscriber's socket gets the same bytes ({@link #utf8}).
 *
 * @param droppable whether a slow subscriber may skip it (a later frame of the same stream
 *     supersedes it); lossless frames (trades, diffs, private events) disconnect a slow subscriber
 *     instead
 */
public final class Frame {

  private static final Framing[] FORMS = Framing.values();

  private final String stream;
  private final String raw;
  private final boolean droppable;
  private final AtomicReferenceArray<String> texts = new AtomicReferenceArray<>(FORMS.length);
  private final AtomicReferenceArray<ByteBuffer> encoded = new AtomicReferenceArray<>(FORMS.length);

  public Frame(String stream, String raw, boolean droppable) {
    this.stream = stream;
    this.raw = raw;
    this.droppable = droppable;
  }

  /** A control reply or error (never dropped, never wrapped). */
  public static Frame control(String json) {
    return new Frame(null, json, false);
  }

  public String stream() {
    return stream;
  }

  public boolean droppable() {
    return droppable;
  }

  public String raw() {
    return raw;
  }

  /** The combined-stream form; control frames are sent as they are. */
  public String wrapped() {
    return text(Framing.COMBINED);
  }

  /**
   * The text a session with this framing is sent, built once per form on first use; control frames
   * are sent as they are in every form.
   */
  public String text(Framing framing) {
    if (stream == null || framing == Framing.RAW) {
      return raw;
    }
    int i = framing.ordinal();
    String t = texts.get(i);
    if (t == null) {
      t =
          framing == Framing.COMBINED
              ? new StringBuilder(raw.length() + stream.length() + 22)
                  .append("{\"stream\":\"")
                  .append(stream)
                  .append("\",\"data\":")
                  .append(raw)
                  .append('}')
                  .toString()
              : "{\"subscriptionId\":0,\"event\":" + raw + '}';
      // Two threads may both build it on first use; either result is the same text.
      texts.compareAndSet(i, null, t);
    }
    return t;
  }

  /**
   * The UTF-8 bytes of {@link #text}, encoded once per form and shared: every call returns a new
   * {@link ByteBuffer#duplicate() view} positioned at the start, so a send may consume its own view
   * without touching anyone else's. Nobody writes into the shared bytes.
   */
  public ByteBuffer utf8(Framing framing) {
    return encoded(framing).duplicate();
  }

  /** The length of {@link #utf8} in bytes (encodes on first use). */
  public int utf8Length(Framing framing) {
    return encoded(framing).limit();
  }

  private ByteBuffer encoded(Framing framing) {
    int i = framing.ordinal();
    ByteBuffer b = encoded.get(i);
    if (b == null) {
      b = ByteBuffer.wrap(text(framing).getBytes(StandardCharsets.UTF_8));
      // Two threads may both encode on first use; either result is the same bytes.
      encoded.compareAndSet(i, null, b);
    }
    return b;
  }
}
