package dev.exchange.localservices;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

/** Small helpers shared by the services (and {@link #freePort} by tests). */
public final class Resources {

  private Resources() {}

  /** A classpath written by local-services-dist at build time. */
  static String distClasspath(String name) {
    String path = "/dev/exchange/localservices/" + name + ".classpath";
    try (InputStream in = Resources.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(
            "missing "
                + path
                + ": build local-services-dist first (./mvnw -pl local-services-dist package)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A port that was free a moment ago. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
