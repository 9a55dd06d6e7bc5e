package dev.exchange.relay.ws;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends an already UTF-8-encoded text frame (or a ping) through Tomcat's asynchronous WebSocket
 * endpoint, so one encoded buffer per event serves every subscriber. JSR-356 only takes a {@code
 * String} for a text frame, and Tomcat encodes it again for every send; its endpoint's own entry
 * point below that, {@code WsRemoteEndpointImplBase.startMessage(opCode, payload, last, handler)},
 * is package-private. It is what {@code sendText} and {@code sendBinary} call after encoding: it
 * applies the negotiated extensions (permessage-deflate), writes header and payload without copying
 * and reports to the handler, so frames sent through it are exactly those {@code sendText} would
 * send.
 *
 * <p>Found once by reflection. If it is missing (another container, or a Tomcat whose internals
 * changed), {@link #available()} is false and {@link RelaySession} sends {@code String}s through
 * the standard API as before; a test asserts that the fast path is in use with the bundled Tomcat.
 *
 * <p>The caller must pass a buffer it owns (a {@link ByteBuffer#duplicate()} of the shared one):
 * the write advances its position. Tomcat never writes into a server-side payload (no masking), so
 * the shared bytes are not modified. Like {@code sendText}, at most one message may be in flight
 * per session; {@link RelaySession} guarantees that.
 */
final class EncodedFrames {

  private static final Logger LOG = LoggerFactory.getLogger(EncodedFrames.class);
  private static final byte OPCODE_TEXT = 0x1;
  private static final byte OPCODE_PING = 0x9;
  private static final MethodHandle START_MESSAGE;
  private static final MethodHandle ENDPOINT_OF;

  static {
    MethodHandle start = null;
    MethodHandle endpointOf = null;
    try {
      Class<?> base = Class.forName("org.apache.tomcat.websocket.WsRemoteEndpointImplBase");
      Method m =
          base.getDeclaredMethod(
              "startMessage", byte.class, ByteBuffer.class, boolean.class, SendHandler.class);
      m.setAccessible(true);
      start =
          MethodHandles.lookup()
              .unreflect(m)
              .asType(
                  MethodType.methodType(
                      void.class,
                      Object.class,
                      byte.class,
                      ByteBuffer.class,
                      boolean.class,
                      SendHandler.class));
      Field f =
          Class.forName("org.apache.tomcat.websocket.WsRemoteEndpointBase")
              .getDeclaredField("base");
      f.setAccessible(true);
      endpointOf =
          MethodHandles.lookup()
              .unreflectGetter(f)
              .asType(MethodType.methodType(Object.class, Object.class));
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.warn(
          "Tomcat's startMessage is not accessible ({}): frames are sent as Strings and encoded"
              + " per subscriber",
          e.toString());
      start = null;
      endpointOf = null;
    }
    START_MESSAGE = start;
    ENDPOINT_OF = endpointOf;
  }

  private EncodedFrames() {}

  /** Whether pre-encoded frames can be sent (Tomcat's endpoint was found). */
  static boolean available() {
    return START_MESSAGE != null;
  }

  /**
   * Tomcat's endpoint behind a session's asynchronous remote, or null if the fast path is not
   * available or the remote is not Tomcat's.
   */
  static Object endpointOf(RemoteEndpoint.Async async) {
    if (ENDPOINT_OF == null
        || !"org.apache.tomcat.websocket.WsRemoteEndpointAsync"
            .equals(async.getClass().getName())) {
      return null;
    }
    try {
      return (Object) ENDPOINT_OF.invokeExact((Object) async);
    } catch (Throwable e) {
      LOG.warn("cannot reach Tomcat's endpoint: {}", e.toString());
      return null;
    }
  }

  /** Starts an asynchronous send of one complete text frame; {@code utf8} must be the caller's. */
  static void sendText(Object endpoint, ByteBuffer utf8, SendHandler handler) {
    start(endpoint, OPCODE_TEXT, utf8, handler);
  }

  /** Starts an asynchronous ping with an empty payload. */
  static void sendPing(Object endpoint, SendHandler handler) {
    start(endpoint, OPCODE_PING, ByteBuffer.allocate(0), handler);
  }

  private static void start(Object endpoint, byte opCode, ByteBuffer payload, SendHandler handler) {
    try {
      START_MESSAGE.invokeExact(endpoint, opCode, payload, true, handler);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("sending a frame failed", e);
    }
  }
}
