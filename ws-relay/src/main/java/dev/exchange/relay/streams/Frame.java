package dev.exchange.relay.streams;

/**
 * One serialized event of one stream, shared by every subscriber: the raw payload (as {@code /ws}
 * sends it) and, built once on first use, the combined-stream form {@code
 * {"stream":...,"data":...}} (as {@code /stream} sends it).
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
}
