package dev.exchange.relay.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Fan-out lanes keep every subscriber's frames complete and in publish order. */
class StreamHubLanesTest {

  /** Records what it is given, as a session's outbound queue would. */
  private static final class Recorder implements Subscriber {
    final ConcurrentLinkedQueue<String> frames = new ConcurrentLinkedQueue<>();
    final List<String> closed = new ArrayList<>();

    @Override
    public void deliver(Frame frame) {
      frames.add(frame.raw());
    }

    @Override
    public synchronized void closeForResync(String reason) {
      closed.add(reason);
    }
  }

  @Test
  void everySubscriberGetsEveryFrameInOrderAcrossLanes() {
    StreamHub hub = new StreamHub(4);
    try {
      List<Recorder> subscribers = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        Recorder r = new Recorder();
        subscribers.add(r);
        hub.subscribe("btcusdt@trade", r);
        if (i % 2 == 0) {
          hub.subscribe("ethusdt@trade", r);
        }
      }
      assertThat(hub.subscriberCount("btcusdt@trade")).isEqualTo(200);
      assertThat(hub.subscriberCount("ethusdt@trade")).isEqualTo(100);
      int[] built = new int[1];
      for (long id = 1; id <= 2000; id++) {
        long t = id;
        hub.publish(
            "btcusdt@trade",
            false,
            () -> {
              built[0]++;
              return "b" + t;
            });
        hub.publish("ethusdt@trade", false, () -> "e" + t);
      }
      assertThat(built[0]).as("serialized once per frame, not per lane").isEqualTo(2000);
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  subscribers.stream()
                      .allMatch(
                          r -> r.frames.size() == (subscribers.indexOf(r) % 2 == 0 ? 4000 : 2000)));
      for (int i = 0; i < subscribers.size(); i++) {
        List<String> frames = new ArrayList<>(subscribers.get(i).frames);
        assertThat(frames.stream().filter(f -> f.startsWith("b")).toList())
            .containsExactlyElementsOf(
                LongStream.rangeClosed(1, 2000).mapToObj(t -> "b" + t).toList());
        if (i % 2 == 0) {
          assertThat(frames.stream().filter(f -> f.startsWith("e")).toList())
              .containsExactlyElementsOf(
                  LongStream.rangeClosed(1, 2000).mapToObj(t -> "e" + t).toList());
        }
      }
    } finally {
      hub.destroy();
    }
  }

  @Test
  void unsubscribingFromEveryLaneForgetsTheStreamAndClosingReachesEveryLane() {
    StreamHub hub = new StreamHub(3);
    try {
      List<Recorder> subscribers = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        Recorder r = new Recorder();
        subscribers.add(r);
        hub.subscribe("btcusdt@depth", r);
      }
      hub.closeSubscribers(List.of("btcusdt@depth"), "book rewound");
      assertThat(subscribers).allMatch(r -> r.closed.equals(List.of("book rewound")));
      for (Recorder r : subscribers) {
        hub.unsubscribe("btcusdt@depth", r);
      }
      assertThat(hub.hasSubscribers("btcusdt@depth")).isFalse();
      hub.publish(
          "btcusdt@depth",
          false,
          () -> {
            throw new AssertionError("no subscriber: nothing to serialize");
          });
    } finally {
      hub.destroy();
    }
    assertThatThrownBy(() -> new StreamHub(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("exchange.relay.fan-out-threads must be at least 1, got 0");
  }
}
