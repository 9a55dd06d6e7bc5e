package dev.exchange.relay.streams;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Who listens to which public stream. Publishing serializes an event once (only if the stream has
 * subscribers) and hands the same {@link Frame} to every subscriber, which queues it without
 * blocking. Subscribing is visible to the next publish as soon as {@link #subscribe} returns, so a
 * SUBSCRIBE reply sent after it is never followed by a missed event.
 */
@Component
public class StreamHub {

  private final Map<String, Set<Subscriber>> streams = new ConcurrentHashMap<>();

  public void subscribe(String stream, Subscriber subscriber) {
    streams.computeIfAbsent(stream, s -> ConcurrentHashMap.newKeySet()).add(subscriber);
  }

  public void unsubscribe(String stream, Subscriber subscriber) {
    streams.computeIfPresent(
        stream,
        (s, set) -> {
          set.remove(subscriber);
          return set.isEmpty() ? null : set;
        });
  }

  public boolean hasSubscribers(String stream) {
    Set<Subscriber> set = streams.get(stream);
    return set != null && !set.isEmpty();
  }

  public int subscriberCount(String stream) {
    Set<Subscriber> set = streams.get(stream);
    return set == null ? 0 : set.size();
  }

  /** Builds the payload once if anyone listens and delivers it to all of them. */
  public void publish(String stream, boolean droppable, Supplier<String> payload) {
    Set<Subscriber> set = streams.get(stream);
    if (set == null || set.isEmpty()) {
      return;
    }
    Frame frame = new Frame(stream, payload.get(), droppable);
    for (Subscriber subscriber : set) {
      subscriber.deliver(frame);
    }
  }

  /** Closes every subscriber of these streams (after a rewind), so that they resnapshot. */
  public void closeSubscribers(List<String> names, String reason) {
    for (String stream : names) {
      Set<Subscriber> set = streams.get(stream);
      if (set != null) {
        for (Subscriber subscriber : Set.copyOf(set)) {
          subscriber.closeForResync(reason);
        }
      }
    }
  }
}
