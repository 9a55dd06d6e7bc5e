package dev.exchange.localservices;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An S3-compatible server: S3Proxy 4.1 with a filesystem backend, in its own JVM (it needs Jackson
 * 3, which would clash with Flink and Iceberg in ours). Signature v2 and v4 with a key pair made
 * for this run; use path-style access. A bucket is a directory under {@code dir/buckets}.
 */
public final class S3Server implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final int port;
  private final Path buckets;
  private final String accessKey;
  private final String secretKey;
  private final ChildJvm jvm;

  private S3Server(int port, Path buckets, String accessKey, String secretKey, ChildJvm jvm) {
    this.port = port;
    this.buckets = buckets;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
    this.jvm = jvm;
  }

  public static S3Server start(Path dir) {
    return start(dir, Resources.freePort(), "local-" + randomHex(4), randomHex(16));
  }

  /** Starts on a fixed port with given credentials, for the local stack. */
  public static S3Server start(Path dir, int port, String accessKey, String secretKey) {
    try {
      Path buckets = Files.createDirectories(dir.resolve("buckets"));
      Path config = dir.resolve("s3proxy.properties");
      Files.writeString(
          config,
          String.join(
              "\n",
              "s3proxy.endpoint=http://127.0.0.1:" + port,
              "s3proxy.authorization=aws-v2-or-v4",
              "s3proxy.identity=" + accessKey,
              "s3proxy.credential=" + secretKey,
              "jclouds.provider=filesystem-nio2",
              "jclouds.filesystem.basedir=" + buckets,
              ""));
      ChildJvm jvm =
          new ChildJvm(
              "s3proxy",
              Resources.distClasspath("s3proxy"),
              Stream.concat(
                      Stream.of("-Xmx256m", "-Djava.io.tmpdir=" + dir), ChildJvm.LEAN.stream())
                  .toList(),
              "org.gaul.s3proxy.Main",
              List.of("--properties", config.toString()),
              dir.resolve("s3proxy.log"));
      S3Server server = new S3Server(port, buckets, accessKey, secretKey, jvm);
      server.startAndAwait();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts a stopped or crashed server again on the same port, credentials and buckets. */
  public void restart() {
    startAndAwait();
  }

  /** Why the server process is not running, or empty while it runs. */
  public Optional<String> downReason() {
    return jvm.downReason();
  }

  private void startAndAwait() {
    jvm.start();
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (true) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException notYet) {
        if (!jvm.isAlive()) {
          throw new IllegalStateException("S3Proxy exited during start; see " + jvm.logFile());
        }
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException(
              "S3Proxy not ready after " + START_TIMEOUT + "; see " + jvm.logFile());
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    }
  }

  private static String randomHex(int bytes) {
    byte[] b = new byte[bytes];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  public String accessKey() {
    return accessKey;
  }

  public String secretKey() {
    return secretKey;
  }

  public String region() {
    return "us-east-1";
  }

  /** Creates a bucket (a directory of the filesystem backend) if it does not exist. */
  public void createBucket(String name) {
    try {
      Files.createDirectories(buckets.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path logFile() {
    return jvm.logFile();
  }

  @Override
  public void close() {
    jvm.stop();
  }

  @Override
  public String toString() {
    return "S3Server[" + endpoint() + "]";
  }
}
