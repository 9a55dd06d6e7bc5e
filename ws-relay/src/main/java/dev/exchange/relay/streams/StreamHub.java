package dev.exchange.relay.streams;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Who listens to which public stream. Publishing serializes an event once (only if the stream has
 * subscribers) and hands the same {@link Frame} to every subscriber, which queues it without
 * blocking. Subscribing is visible to the next publish as soon as {@link #subscribe} returns, so a
 * SUBSCRIBE reply sent after it is never followed by a missed event.
 *
 * <p>Fan-out lanes ({@code exchange.relay.fan-out-threads}, 2 in application.properties): with one
 * lane the caller (the feed thread) delivers to every subscriber itself. With {@code n > 1}, each
 * subscriber belongs to one lane for its lifetime and each lane is a thread that delivers, in
 * publish order, to its own subscribers, so a broadcast to thousands of sessions is spread over
 * {@code n} cores while every session still sees its frames in order. A lane reads the live
 * subscriber set when it runs, so a session subscribed meanwhile may also get a frame published
 * just before its subscription (never a gap). Each lane's queue is bounded: when a lane falls that
 * far behind, publishing waits, which slows the feed thread exactly as inline delivery did.
 */
@Component
public class StreamHub implements DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(StreamHub.class);
  private static final int LANE_QUEUE = 8192;

  private final Map<String, Set<Subscriber>[]> streams = new ConcurrentHashMap<>();
  private final Lane[] lanes;
  private final Timer fanOut;

  /** A hub without metrics (tests). */
  public StreamHub(int fanOutThreads) {
    this(fanOutThreads, new SimpleMeterRegistry());
  }

  /**
   * @param meters gets {@code relay.fanout}: from a frame's publish until it was handed to the last
   *     subscriber of its lane (inline: the whole loop; with lanes: queueing plus the lane's loop),
   *     percentiles over the last ~30 s
   */
  @Autowired
  public StreamHub(
      @Value("${exchange.relay.fan-out-threads:1}") int fanOutThreads, MeterRegistry meters) {
    if (fanOutThreads < 1) {
      throw new IllegalArgumentException(
          "exchange.relay.fan-out-threads must be at least 1, got " + fanOutThreads);
    }
    fanOut =
        Timer.builder("relay.fanout")
            .publishPercentiles(0.5, 0.9, 0.99, 0.999)
            .distributionStatisticExpiry(Duration.ofSeconds(30))
            .register(meters);
    lanes = new Lane[fanOutThreads];
    if (fanOutThreads > 1) {
      for (int i = 0; i < fanOutThreads; i++) {
        lanes[i] = new Lane("relay-fan-out-" + i, fanOut);
      }
    }
  }

  private int laneOf(Subscriber subscriber) {
    return Math.floorMod(System.identityHashCode(subscriber), lanes.length);
  }

  @SuppressWarnings("unchecked")
  private Set<Subscriber>[] newLaneSets() {
    Set<Subscriber>[] sets = new Set[lanes.length];
    for (int i = 0; i < sets.length; i++) {
      sets[i] = ConcurrentHashMap.newKeySet();
    }
    return sets;
  }

  public void subscribe(String stream, Subscriber subscriber) {
    streams.compute(
        stream,
        (s, sets) -> {
          Set<Subscriber>[] result = sets == null ? newLaneSets() : sets;
          result[laneOf(subscriber)].add(subscriber);
          return result;
        });
  }

  public void unsubscribe(String stream, Subscriber subscriber) {
    streams.computeIfPresent(
        stream,
        (s, sets) -> {
          sets[laneOf(subscriber)].remove(subscriber);
          for (Set<Subscriber> set : sets) {
            if (!set.isEmpty()) {
              return sets;
            }
          }
          return null;
        });
  }

  public boolean hasSubscribers(String stream) {
    Set<Subscriber>[] sets = streams.get(stream);
    if (sets != null) {
      for (Set<Subscriber> set : sets) {
        if (!set.isEmpty()) {
          return true;
        }
      }
    }
    return false;
  }

  public int subscriberCount(String stream) {
    Set<Subscriber>[] sets = streams.get(stream);
    int n = 0;
    if (sets != null) {
      for (Set<Subscriber> set : sets) {
        n += set.size();
      }
    }
    return n;
  }

  /** Builds the payload once if anyone listens and delivers it to all of them. */
  public void publish(String stream, boolean droppable, Supplier<String> payload) {
    Set<Subscriber>[] sets = streams.get(stream);
    if (sets == null) {
      return;
    }
    Frame frame = null;
    for (int i = 0; i < sets.length; i++) {
      Set<Subscriber> set = sets[i];
      if (set.isEmpty()) {
        continue;
      }
      if (frame == null) {
        frame = new Frame(stream, payload.get(), droppable);
      }
      if (lanes[i] == null) {
        long start = System.nanoTime();
        deliverAll(frame, set);
        fanOut.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      } else {
        lanes[i].submit(frame, set);
      }
    }
  }

  private static void deliverAll(Frame frame, Set<Subscriber> set) {
    for (Subscriber subscriber : set) {
      subscriber.deliver(frame);
    }
  }

  /** Closes every subscriber of these streams (after a rewind), so that they resnapshot. */
  public void closeSubscribers(List<String> names, String reason) {
    for (String stream : names) {
      Set<Subscriber>[] sets = streams.get(stream);
      if (sets != null) {
        for (Set<Subscriber> set : sets) {
          for (Subscriber subscriber : Set.copyOf(set)) {
            subscriber.closeForResync(reason);
          }
        }
      }
    }
  }

  @Override
  public void destroy() {
    for (Lane lane : lanes) {
      if (lane != null) {
        lane.thread.interrupt();
      }
    }
  }

  /** One fan-out thread with a bounded FIFO of (frame, subscribers of this lane) tasks. */
  private static final class Lane {
    private final BlockingQueue<Task> queue = new ArrayBlockingQueue<>(LANE_QUEUE);
    private final Thread thread;
    private final Timer fanOut;

    Lane(String name, Timer fanOut) {
      this.fanOut = fanOut;
      thread = new Thread(this::run, name);
      thread.setDaemon(true);
      thread.start();
    }

    void submit(Frame frame, Set<Subscriber> set) {
      try {
        queue.put(new Task(frame, set, System.nanoTime()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        deliverAll(frame, set); // shutting down: deliver inline rather than lose the frame
      }
    }

    private void run() {
      try {
        while (true) {
          Task task = queue.take();
          try {
            deliverAll(task.frame, task.subscribers);
            fanOut.record(System.nanoTime() - task.publishedNanos, TimeUnit.NANOSECONDS);
          } catch (RuntimeException e) {
            LOG.error("fan-out of {} failed", task.frame.stream(), e);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private record Task(Frame frame, Set<Subscriber> subscribers, long publishedNanos) {}
}
