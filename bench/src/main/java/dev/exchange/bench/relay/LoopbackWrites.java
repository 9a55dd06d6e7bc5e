package dev.exchange.bench.relay;

import dev.exchange.bench.support.Args;
import dev.exchange.bench.support.Machine;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The floor under the relay's fan-out on this machine: one thread writes the same small frame to N
 * connected loopback sockets with plain non-blocking NIO (no WebSocket library, no framing, no
 * hand-offs), while one reader thread drains them all, as a co-located load generator does. A
 * broadcast by the relay cannot cost less per subscriber than this; on loopback every write also
 * runs the receiver's TCP path in the writer's system call (docs/ws-relay.md, "Benchmark").
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.exchange.bench.relay.LoopbackWrites \
 *   --sockets 1000 --bytes 120 --rounds 60 --interval-ms 200
 * </pre>
 *
 * Each round writes once to every socket, rounds {@code --interval-ms} apart (a broadcast every so
 * often, as in the fan-out benchmark); the first sixth of the rounds is warm-up. Then the same
 * writes back to back, the best case.
 */
public final class LoopbackWrites {

  private LoopbackWrites() {}

  public static void main(String[] argv) throws Exception {
    Args a = Args.parse(argv, Set.of("sockets", "bytes", "rounds", "interval-ms"));
    int sockets = a.positiveInt("sockets", 1000);
    int bytes = a.positiveInt("bytes", 120);
    int rounds = a.positiveInt("rounds", 60);
    long intervalNanos = TimeUnit.MILLISECONDS.toNanos(a.positiveInt("interval-ms", 200));
    try (ServerSocketChannel server = ServerSocketChannel.open();
        Selector selector = Selector.open()) {
      server.bind(new InetSocketAddress("127.0.0.1", 0), sockets);
      SocketChannel[] writers = new SocketChannel[sockets];
      for (int i = 0; i < sockets; i++) {
        SocketChannel reader = SocketChannel.open(server.getLocalAddress());
        reader.configureBlocking(false);
        reader.register(selector, SelectionKey.OP_READ);
        writers[i] = server.accept();
        writers[i].configureBlocking(false);
        writers[i].setOption(StandardSocketOptions.TCP_NODELAY, true);
      }
      AtomicLong received = new AtomicLong();
      AtomicBoolean running = new AtomicBoolean(true);
      Thread reader = new Thread(() -> drain(selector, running, received), "loopback-reader");
      reader.setDaemon(true);
      reader.start();
      ByteBuffer frame = ByteBuffer.allocateDirect(bytes);
      frame.put(new byte[bytes]).flip();

      long[] roundNanos = new long[rounds];
      long next = System.nanoTime();
      for (int r = 0; r < rounds; r++) {
        long wait;
        while ((wait = next - System.nanoTime()) > 0) {
          LockSupport.parkNanos(wait);
        }
        long t0 = System.nanoTime();
        writeAll(writers, frame);
        roundNanos[r] = System.nanoTime() - t0;
        next += intervalNanos;
      }
      long[] measured = Arrays.copyOfRange(roundNanos, rounds / 6, rounds);
      Arrays.sort(measured);
      long p50 = measured[measured.length / 2];
      long max = measured[measured.length - 1];

      int burst = 20;
      long t0 = System.nanoTime();
      for (int r = 0; r < burst; r++) {
        writeAll(writers, frame);
      }
      double backToBack = (System.nanoTime() - t0) / 1e3 / ((long) burst * sockets);

      long expected = (long) (rounds + burst) * sockets * bytes;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (received.get() < expected && System.nanoTime() < deadline) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
      }
      System.out.printf(
          Locale.ROOT,
          "%,d sockets, %d-byte writes: one write to every socket takes p50 %.2f ms (%.1f µs per"
              + " write), max %.2f ms over %d rounds %d ms apart; back to back %.1f µs per write;"
              + " received %,d of %,d bytes; load average %s%n",
          sockets,
          bytes,
          p50 / 1e6,
          p50 / 1e3 / sockets,
          max / 1e6,
          measured.length,
          TimeUnit.NANOSECONDS.toMillis(intervalNanos),
          backToBack,
          received.get(),
          expected,
          Machine.loadAverage());
      running.set(false);
      selector.wakeup();
      reader.join(TimeUnit.SECONDS.toMillis(5));
      for (SocketChannel w : writers) {
        w.close();
      }
    }
  }

  private static void writeAll(SocketChannel[] writers, ByteBuffer frame) throws IOException {
    for (SocketChannel w : writers) {
      ByteBuffer view = frame.duplicate();
      while (view.hasRemaining()) {
        if (w.write(view) == 0) {
          throw new IllegalStateException("socket buffer full: the reader is not keeping up");
        }
      }
    }
  }

  private static void drain(Selector selector, AtomicBoolean running, AtomicLong received) {
    ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 16);
    try {
      while (running.get()) {
        selector.select();
        for (SelectionKey key : selector.selectedKeys()) {
          buffer.clear();
          int n = ((SocketChannel) key.channel()).read(buffer);
          if (n > 0) {
            received.addAndGet(n);
          }
        }
        selector.selectedKeys().clear();
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
