package dev.exchange.relay.ws;

import dev.exchange.relay.streams.Framing;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * All open sessions: the connection limit, and a sweeper that pings, closes clients whose write has
 * been stuck beyond the send-time limit, clients silent beyond the pong timeout and private
 * sessions whose token expired.
 */
@Component
public class SessionRegistry implements DisposableBean {

  private final RelayProperties properties;
  private final Set<RelaySession> sessions = ConcurrentHashMap.newKeySet();
  private final AtomicInteger reserved = new AtomicInteger();
  private final ExecutorService background;
  private final Timer sendTime;

  public SessionRegistry(RelayProperties properties, MeterRegistry meters) {
    this.properties = properties;
    Gauge.builder("exchange.relay.sessions", sessions, Set::size)
        .description("Open WebSocket sessions, public and private")
        .register(meters);
    this.sendTime =
        Timer.builder("exchange.relay.send")
            .description(
                "One frame's write to a client, start to completion (slow clients show here)")
            .publishPercentileHistogram()
            .serviceLevelObjectives(
                Duration.ofMillis(1), Duration.ofMillis(10), Duration.ofMillis(100))
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofSeconds(10))
            .register(meters);
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            8,
            8,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "relay-session-io-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    pool.allowCoreThreadTimeOut(true);
    this.background = pool;
  }

  /** Reserves a connection slot at handshake time; false when the instance is full. */
  boolean reserve() {
    if (reserved.incrementAndGet() > properties.maxConnections()) {
      reserved.decrementAndGet();
      return false;
    }
    return true;
  }

  void release() {
    reserved.decrementAndGet();
  }

  /**
   * A relay session over {@code session} with this relay's buffer limit, background executor and
   * send timer; {@link #add} registers it.
   */
  RelaySession open(WebSocketSession session, Framing framing) {
    return new RelaySession(
        session, framing, properties.bufferSizeLimit().toBytes(), background, sendTime);
  }

  /**
   * Registers a session. Its pings are due at its own phase within the ping interval (random), so
   * that each sweep pings about 1/n of the sessions instead of all of them at once: pinging 10,000
   * sessions in one pass delayed the frames of a whole sweep behind the pings.
   */
  void add(RelaySession session) {
    long interval = Math.max(1, properties.pingInterval().toMillis());
    session.lastPingMillis(
        System.currentTimeMillis() - ThreadLocalRandom.current().nextLong(interval));
    sessions.add(session);
  }

  void remove(RelaySession session) {
    if (sessions.remove(session)) {
      release();
    }
  }

  public int size() {
    return sessions.size();
  }

  /** Connection slots held: one per open session plus handshakes in progress. */
  public int reservedSlots() {
    return reserved.get();
  }

  /** Test and diagnostics view. */
  public Set<RelaySession> sessions() {
    return Set.copyOf(sessions);
  }

  /**
   * Every {@code exchange.relay.sweep-interval} (1 s): each pass touches every session, which cost
   * about a quarter of the relay's CPU at 10,000 idle subscribers when it ran every 200 ms; the
   * send-time limit is seconds, so checking it once a second is precise enough.
   */
  @Scheduled(fixedDelayString = "${exchange.relay.sweep-interval:1s}")
  void sweep() {
    long nowMillis = System.currentTimeMillis();
    long nowNanos = System.nanoTime();
    long sendLimit = properties.sendTimeLimit().toNanos();
    long pongTimeout = properties.pongTimeout().toMillis();
    long pingInterval = properties.pingInterval().toMillis();
    for (RelaySession s : sessions) {
      if (s.isClosed()) {
        continue;
      }
      if (s.stalledForNanos(nowNanos) > sendLimit) {
        s.close(CloseStatus.POLICY_VIOLATION.withReason("slow consumer: send time limit exceeded"));
      } else if (nowMillis - s.lastInboundMillis() > pongTimeout) {
        s.close(CloseStatus.POLICY_VIOLATION.withReason("no pong within the timeout"));
      } else if (nowMillis >= s.expiresAtMillis()) {
        s.close(CloseStatus.POLICY_VIOLATION.withReason("access token expired"));
      } else if (nowMillis - s.lastPingMillis() >= pingInterval) {
        s.lastPingMillis(nowMillis);
        s.ping();
      }
    }
  }

  @Override
  public void destroy() {
    background.shutdownNow();
  }
}
