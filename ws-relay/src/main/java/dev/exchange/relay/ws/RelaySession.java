package dev.exchange.relay.ws;

import dev.exchange.relay.streams.Frame;
import dev.exchange.relay.streams.Framing;
import dev.exchange.relay.streams.Subscriber;
import io.micrometer.core.instrument.Timer;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

/**
 * One client connection with a bounded outbound queue. {@link #deliver} never blocks: it queues the
 * frame's text and, if no write is in flight, starts one with the container's asynchronous send;
 * each completion starts the next. At most one write is in flight per session (a JSR-356 rule), and
 * a stalled client only ever holds its own queue:
 *
 * <ul>
 *   <li>over {@link RelayProperties#bufferSizeLimit()} queued bytes, a droppable frame is skipped
 *       and a lossless one closes the session (1008, "slow consumer"), since a gap in trades or
 *       diffs would silently corrupt the client's state;
 *   <li>a write outstanding for longer than {@link RelayProperties#sendTimeLimit()} closes it.
 * </ul>
 *
 * Closing happens on a separate executor: the container's close handshake may wait for the
 * in-flight write.
 */
public final class RelaySession implements Subscriber {

  private static final Logger LOG = LoggerFactory.getLogger(RelaySession.class);
  private static final ByteBuffer PING = ByteBuffer.allocate(0);

  /** Queued like a frame when pings go through the same asynchronous path as frames. */
  private static final Frame PING_FRAME = Frame.control("");

  private final WebSocketSession session;
  private final Session nativeSession;
  private final RemoteEndpoint.Async async;

  /** Tomcat's endpoint for pre-encoded frames ({@link EncodedFrames}), or null. */
  private final Object endpoint;

  private final Framing framing;
  private final long bufferLimit;
  private final Executor background;
  private final ConcurrentLinkedQueue<Frame> queue = new ConcurrentLinkedQueue<>();
  private final AtomicLong queuedBytes = new AtomicLong();
  private final AtomicBoolean sending = new AtomicBoolean();
  private final SendHandler handler = this::onResult;
  private final Set<String> subscriptions = ConcurrentHashMap.newKeySet();
  private final AtomicLong dropped = new AtomicLong();
  private volatile long sendStartedNanos;

  /** Start of a write to its completion ({@code exchange.relay.send}). */
  private final Timer sendTime;

  /** The thread inside {@link #pump}'s send call, so that an inline completion does not recurse. */
  private volatile Thread pumpingThread;

  /** A completion that arrived inside the send call; only touched by {@link #pumpingThread}. */
  private SendResult inlineResult;

  private volatile long lastPingMillis;
  private volatile long lastProgressNanos = System.nanoTime();
  private volatile long lastInboundMillis = System.currentTimeMillis();
  private volatile boolean closed;
  private volatile String account;
  private volatile long expiresAtMillis = Long.MAX_VALUE;
  private long windowStartMillis;
  private int windowMessages;

  RelaySession(
      WebSocketSession session,
      Framing framing,
      long bufferLimit,
      Executor background,
      Timer sendTime) {
    this.session = session;
    this.sendTime = sendTime;
    this.nativeSession = ((NativeWebSocketSession) session).getNativeSession(Session.class);
    this.async = nativeSession.getAsyncRemote();
    this.endpoint = EncodedFrames.endpointOf(async);
    // Pings and the close handshake use blocking sends: never wait long for a stalled client.
    nativeSession
        .getUserProperties()
        .put("org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT", 1000L);
    this.framing = framing;
    this.bufferLimit = bufferLimit;
    this.background = background;
  }

  /** Whether frames go to this session as shared pre-encoded bytes (Tomcat) or as Strings. */
  public boolean sendsEncodedFrames() {
    return endpoint != null;
  }

  long lastPingMillis() {
    return lastPingMillis;
  }

  void lastPingMillis(long millis) {
    lastPingMillis = millis;
  }

  public String id() {
    return session.getId();
  }

  public Framing framing() {
    return framing;
  }

  Set<String> subscriptions() {
    return subscriptions;
  }

  /** The streams this session is subscribed to (read-only). */
  public Set<String> subscriptionsView() {
    return java.util.Collections.unmodifiableSet(subscriptions);
  }

  public long dropped() {
    return dropped.get();
  }

  public boolean isClosed() {
    return closed;
  }

  void account(String account, long expiresAtMillis) {
    this.account = account;
    this.expiresAtMillis = expiresAtMillis;
  }

  String account() {
    return account;
  }

  long expiresAtMillis() {
    return expiresAtMillis;
  }

  void touched() {
    lastInboundMillis = System.currentTimeMillis();
  }

  long lastInboundMillis() {
    return lastInboundMillis;
  }

  /** Counts a control message; false when the per-second allowance is used up. Handler thread. */
  synchronized boolean allowMessage(int perSecond, long nowMillis) {
    if (nowMillis - windowStartMillis >= 1000) {
      windowStartMillis = nowMillis;
      windowMessages = 0;
    }
    return ++windowMessages <= perSecond;
  }

  /**
   * Nanos since this session last made progress while it has something to write (a write in flight
   * or a non-empty queue), else 0. Covers a stuck frame, a stuck ping and a stuck close.
   */
  public long stalledForMillis() {
    return stalledForNanos(System.nanoTime()) / 1_000_000;
  }

  long stalledForNanos(long nowNanos) {
    if (sendStartedNanos == 0 && !sending.get() && queuedBytes.get() == 0) {
      return 0;
    }
    return nowNanos - lastProgressNanos;
  }

  @Override
  public void deliver(Frame frame) {
    if (closed) {
      return;
    }
    long size = size(frame);
    long queued = queuedBytes.get();
    if (queued > 0 && queued + size > bufferLimit) {
      if (frame.droppable()) {
        dropped.incrementAndGet();
        return;
      }
      close(CloseStatus.POLICY_VIOLATION.withReason("slow consumer: buffer limit exceeded"));
      return;
    }
    enqueue(frame, size);
  }

  private void enqueue(Frame frame, long size) {
    if (queue.isEmpty() && !closed && sending.compareAndSet(false, true)) {
      // Idle session (the usual case): send at once, without a trip through the queue.
      lastProgressNanos = System.nanoTime();
      if (start(frame)) {
        pump(); // completed inline: send what other threads queued meanwhile
      }
      return;
    }
    if (queuedBytes.getAndAdd(size) == 0 && !sending.get()) {
      lastProgressNanos = System.nanoTime();
    }
    queue.add(frame);
    pump();
  }

  /** Bytes a frame occupies in the queue: encoded size on the fast path, else its chars. */
  private long size(Frame frame) {
    if (frame == PING_FRAME) {
      return 1; // non-zero: a queued ping counts as something to write for the stall check
    }
    return endpoint != null ? frame.utf8Length(framing) : frame.text(framing).length();
  }

  @Override
  public void closeForResync(String reason) {
    close(CloseStatus.SERVICE_RESTARTED.withReason(reason));
  }

  private void pump() {
    while (!closed && !queue.isEmpty() && sending.compareAndSet(false, true)) {
      Frame frame = queue.poll();
      if (frame == null) {
        sending.set(false);
        continue;
      }
      queuedBytes.addAndGet(-size(frame));
      if (!start(frame)) {
        return;
      }
    }
  }

  /**
   * Sends one frame; the caller holds {@link #sending}. True if the send completed inline and
   * successfully (the caller may go on with the queue), false if it completes asynchronously
   * ({@link #onResult} goes on) or failed.
   */
  private boolean start(Frame frame) {
    sendStartedNanos = System.nanoTime();
    SendResult inline;
    pumpingThread = Thread.currentThread();
    try {
      send(frame);
    } catch (RuntimeException e) {
      sendStartedNanos = 0;
      sending.set(false);
      fail(e);
      return false;
    } finally {
      pumpingThread = null;
      inline = inlineResult;
      inlineResult = null;
    }
    if (inline == null) {
      return false; // completes asynchronously: onResult continues
    }
    sendCompleted();
    if (!inline.isOK()) {
      fail(inline.getException());
      return false;
    }
    sending.set(false);
    return true;
  }

  private void sendCompleted() {
    long now = System.nanoTime();
    sendTime.record(now - sendStartedNanos, TimeUnit.NANOSECONDS);
    sendStartedNanos = 0;
    lastProgressNanos = now;
  }

  private void send(Frame frame) {
    if (endpoint == null) {
      async.sendText(frame.text(framing), handler);
    } else if (frame == PING_FRAME) {
      EncodedFrames.sendPing(endpoint, handler);
    } else {
      EncodedFrames.sendText(endpoint, frame.utf8(framing), handler);
    }
  }

  private void onResult(SendResult result) {
    if (pumpingThread == Thread.currentThread()) {
      inlineResult = result; // completed inside the send call: the pump loop goes on, no recursion
      return;
    }
    sendCompleted();
    if (!result.isOK()) {
      fail(result.getException());
      return;
    }
    sending.set(false);
    pump();
  }

  /**
   * Sends a ping. On the fast path it is queued like a frame and sent asynchronously in turn (no
   * thread, no blocking, frames keep their order). Otherwise it is a blocking send on a background
   * thread, and only if nothing is being written (a ping must not interleave with a frame).
   */
  void ping() {
    if (closed) {
      return;
    }
    if (endpoint != null) {
      enqueue(PING_FRAME, size(PING_FRAME));
      return;
    }
    if (!sending.compareAndSet(false, true)) {
      return;
    }
    // The ping is now what this session has to write: its send-time limit starts here. Without
    // this, a session that had been idle longer than the limit looked stalled while its ping
    // waited for a background thread, and the sweeper closed it (seen with thousands of idle
    // subscribers pinged at once on a busy machine).
    lastProgressNanos = System.nanoTime();
    background.execute(
        () -> {
          try {
            nativeSession.getBasicRemote().sendPing(PING.duplicate());
          } catch (IOException | RuntimeException e) {
            fail(e);
          } finally {
            sending.set(false);
            pump();
          }
        });
  }

  private void fail(Throwable e) {
    if (!closed) {
      LOG.debug("send to {} failed: {}", id(), String.valueOf(e));
      close(CloseStatus.SESSION_NOT_RELIABLE);
    }
  }

  /** Stops delivery at once and closes the connection in the background. */
  public void close(CloseStatus status) {
    if (closed) {
      return;
    }
    closed = true;
    if (status.getCode() != CloseStatus.NORMAL.getCode()) {
      LOG.info("closing session {}: {} {}", id(), status.getCode(), status.getReason());
    }
    queue.clear();
    queuedBytes.set(0);
    background.execute(
        () -> {
          try {
            session.close(status);
          } catch (IOException | RuntimeException e) {
            LOG.debug("closing {}: {}", id(), e.toString());
          }
        });
  }
}
