package dev.exchange.bench.relay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A lean WebSocket client for the fan-out benchmark: thousands of connections read by a few
 * selector threads, each frame handed to a {@link Sink} as a view over the read buffer with the
 * time the bytes were read, no per-frame objects. The JDK's {@code java.net.http.WebSocket} costs
 * tens of microseconds per frame (a task, a UTF-8 decode and several hand-offs per message), which
 * at 1,000 subscribers per record made the load generator itself the slowest part of the path it
 * measures.
 *
 * <p>Only what the relay sends is supported: unfragmented, unmasked text frames, pings (answered
 * with a pong, so the relay's pong timeout never closes a subscriber) and close frames.
 */
final class LeanWebSockets implements AutoCloseable {

  /** Receives frames on a selector thread; must not block. */
  interface Sink {
    void onText(CharSequence frame, long receivedNanos);

    void onClose(int code, String reason);
  }

  private static final int READ_BUFFER = 256 * 1024;

  private final Sink sink;
  private final Loop[] loops;
  private final List<SocketChannel> channels = new ArrayList<>();

  LeanWebSockets(int threads, Sink sink) throws IOException {
    this.sink = sink;
    loops = new Loop[threads];
    for (int i = 0; i < threads; i++) {
      loops[i] = new Loop("lean-ws-" + i);
    }
  }

  /**
   * Opens one WebSocket (blocking HTTP upgrade, then non-blocking reads on selector thread {@code
   * index % threads}). Thread-safe.
   */
  void connect(URI relay, String path, int index) throws IOException {
    SocketChannel ch = SocketChannel.open(new InetSocketAddress(relay.getHost(), relay.getPort()));
    ch.socket().setTcpNoDelay(true);
    byte[] key = new byte[16];
    ThreadLocalRandom.current().nextBytes(key);
    String request =
        "GET "
            + path
            + " HTTP/1.1\r\nHost: "
            + relay.getHost()
            + ":"
            + relay.getPort()
            + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
            + Base64.getEncoder().encodeToString(key)
            + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
    ByteBuffer out = ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
    while (out.hasRemaining()) {
      ch.write(out);
    }
    ByteBuffer in = ByteBuffer.allocate(4096);
    int end;
    while ((end = headerEnd(in)) < 0) {
      if (!in.hasRemaining() || ch.read(in) < 0) {
        ch.close();
        throw new IOException("no WebSocket handshake answer for " + path);
      }
    }
    String head = new String(in.array(), 0, end, StandardCharsets.US_ASCII);
    if (!head.startsWith("HTTP/1.1 101")) {
      ch.close();
      throw new IOException(
          "handshake for " + path + " refused: " + head.lines().findFirst().orElse(""));
    }
    Conn conn = new Conn(ch);
    if (in.position() > end) {
      conn.leftover = ByteBuffer.allocate(in.position() - end);
      conn.leftover.put(in.array(), end, in.position() - end).flip();
    }
    ch.configureBlocking(false);
    synchronized (channels) {
      channels.add(ch);
    }
    loops[Math.floorMod(index, loops.length)].register(conn);
  }

  private static int headerEnd(ByteBuffer in) {
    byte[] a = in.array();
    for (int i = 3; i < in.position(); i++) {
      if (a[i - 3] == '\r' && a[i - 2] == '\n' && a[i - 1] == '\r' && a[i] == '\n') {
        return i + 1;
      }
    }
    return -1;
  }

  @Override
  public void close() {
    for (Loop loop : loops) {
      loop.thread.interrupt();
      loop.selector.wakeup();
    }
    synchronized (channels) {
      for (SocketChannel ch : channels) {
        try {
          ch.close();
        } catch (IOException e) {
          // closing anyway
        }
      }
    }
  }

  private static final class Conn {
    final SocketChannel channel;
    ByteBuffer leftover;

    Conn(SocketChannel channel) {
      this.channel = channel;
    }
  }

  /** A read-only ASCII view of a byte range (the relay's JSON is ASCII), reused per frame. */
  private static final class AsciiView implements CharSequence {
    byte[] bytes;
    int from;
    int to;

    @Override
    public int length() {
      return to - from;
    }

    @Override
    public char charAt(int index) {
      return (char) (bytes[from + index] & 0xff);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new String(bytes, from + start, end - start, StandardCharsets.ISO_8859_1);
    }

    @Override
    public String toString() {
      return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
    }
  }

  private final class Loop implements Runnable {
    final Selector selector;
    final Thread thread;
    final ConcurrentLinkedQueue<Conn> pending = new ConcurrentLinkedQueue<>();
    final ByteBuffer buffer = ByteBuffer.allocate(READ_BUFFER);
    final AsciiView view = new AsciiView();

    Loop(String name) throws IOException {
      selector = Selector.open();
      thread = new Thread(this, name);
      thread.setDaemon(true);
      thread.start();
    }

    void register(Conn conn) {
      pending.add(conn);
      selector.wakeup();
    }

    @Override
    public void run() {
      try {
        while (!Thread.currentThread().isInterrupted()) {
          selector.select();
          Conn c;
          while ((c = pending.poll()) != null) {
            c.channel.register(selector, SelectionKey.OP_READ, c);
            if (c.leftover != null) {
              read(c); // bytes that came with the handshake answer
            }
          }
          for (SelectionKey key : selector.selectedKeys()) {
            if (key.isValid() && key.isReadable()) {
              read((Conn) key.attachment());
            }
          }
          selector.selectedKeys().clear();
        }
      } catch (IOException e) {
        if (!Thread.currentThread().isInterrupted()) {
          throw new UncheckedIOException(e);
        }
      }
    }

    private void read(Conn c) throws IOException {
      while (true) {
        buffer.clear();
        if (c.leftover != null) {
          buffer.put(c.leftover);
          c.leftover = null;
        }
        int n;
        try {
          n = c.channel.read(buffer);
        } catch (IOException e) {
          closed(c, 1006, e.toString());
          return;
        }
        long now = System.nanoTime();
        if (n < 0) {
          closed(c, 1006, "connection closed");
          return;
        }
        buffer.flip();
        if (!parse(c, now)) {
          return;
        }
        if (buffer.hasRemaining()) {
          c.leftover = ByteBuffer.allocate(buffer.remaining());
          c.leftover.put(buffer).flip();
        }
        if (n == 0) {
          return;
        }
      }
    }

    /** Consumes whole frames from {@link #buffer}; false if the connection was closed. */
    private boolean parse(Conn c, long now) throws IOException {
      byte[] a = buffer.array();
      while (buffer.remaining() >= 2) {
        int p = buffer.position();
        int opcode = a[p] & 0x0f;
        int len7 = a[p + 1] & 0x7f;
        int header = len7 == 126 ? 4 : len7 == 127 ? 10 : 2;
        if (buffer.remaining() < header) {
          return true;
        }
        long len = len7;
        if (len7 == 126) {
          len = ((a[p + 2] & 0xff) << 8) | (a[p + 3] & 0xff);
        } else if (len7 == 127) {
          len = buffer.getLong(p + 2);
        }
        if (len > READ_BUFFER - 16) {
          closed(c, 1009, "frame of " + len + " bytes");
          return false;
        }
        if (buffer.remaining() < header + len) {
          return true;
        }
        int from = p + header;
        int to = from + (int) len;
        buffer.position(to);
        if (opcode == 0x1) {
          view.bytes = a;
          view.from = from;
          view.to = to;
          sink.onText(view, now);
        } else if (opcode == 0x9) {
          pong(c, a, from, to);
        } else if (opcode == 0x8) {
          int code = len >= 2 ? ((a[from] & 0xff) << 8) | (a[from + 1] & 0xff) : 1005;
          String reason =
              len > 2 ? new String(a, from + 2, to - from - 2, StandardCharsets.UTF_8) : "";
          closed(c, code, reason);
          return false;
        }
      }
      return true;
    }

    /** A masked pong with the ping's payload; the zero mask key leaves the payload as it is. */
    private void pong(Conn c, byte[] a, int from, int to) throws IOException {
      ByteBuffer out = ByteBuffer.allocate(6 + (to - from));
      out.put((byte) 0x8A).put((byte) (0x80 | (to - from))).putInt(0).put(a, from, to - from);
      out.flip();
      while (out.hasRemaining()) {
        if (c.channel.write(out) == 0) {
          return; // a pong that does not fit now is not worth blocking the loop for
        }
      }
    }

    private void closed(Conn c, int code, String reason) throws IOException {
      c.channel.close();
      sink.onClose(code, reason);
    }
  }
}
