package dev.exchange.relay.streams;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One serialized event of one stream, shared by every subscriber: the raw payload (as {@code /ws}
 * sends it) and, built once on first use, the combined-stream form {@code
 * {"stream":...,"data":...}} (as {@code /stream} sends it). Each form is also UTF-8-encoded once,
 * on first use, so that every subscriber's socket gets the same bytes ({@link #utf8}).
 *
 * @param droppable whether a slow subscriber may skip it (a later frame of the same stream
 *     supersedes it); lossless frames (trades, diffs, private events) disconnect a slow subscriber
 *     instead
 */
public final class Frame {

  private final String stream;
  private final String raw;
  private final boolean droppable;
  private volatile String wrapped;
  private volatile ByteBuffer rawUtf8;
  private volatile ByteBuffer wrappedUtf8;

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
    if (stream == null) {
      return raw;
    }
    String w = wrapped;
    if (w == null) {
      synchronized (this) {
        w = wrapped;
        if (w == null) {
          w =
              new StringBuilder(raw.length() + stream.length() + 22)
                  .append("{\"stream\":\"")
                  .append(stream)
                  .append("\",\"data\":")
                  .append(raw)
                  .append('}')
                  .toString();
          wrapped = w;
        }
      }
    }
    return w;
  }

  /** The text a {@code /stream} ({@code combined}) or {@code /ws} subscriber is sent. */
  public String text(boolean combined) {
    return combined ? wrapped() : raw;
  }

  /**
   * The UTF-8 bytes of {@link #text}, encoded once per form and shared: every call returns a new
   * {@link ByteBuffer#duplicate() view} positioned at the start, so a send may consume its own view
   * without touching anyone else's. Nobody writes into the shared bytes.
   */
  public ByteBuffer utf8(boolean combined) {
    return encoded(combined).duplicate();
  }

  /** The length of {@link #utf8} in bytes (encodes on first use). */
  public int utf8Length(boolean combined) {
    return encoded(combined).limit();
  }

  private ByteBuffer encoded(boolean combined) {
    ByteBuffer b = combined ? wrappedUtf8 : rawUtf8;
    if (b == null) {
      b = ByteBuffer.wrap(text(combined).getBytes(StandardCharsets.UTF_8));
      // Two threads may both encode on first use; either result is the same bytes.
      if (combined) {
        wrappedUtf8 = b;
      } else {
        rawUtf8 = b;
      }
    }
    return b;
  }
}
