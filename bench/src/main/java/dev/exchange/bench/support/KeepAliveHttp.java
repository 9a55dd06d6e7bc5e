package dev.exchange.bench.support;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 keep-alive connection for load generators: a blocking socket, requests written as
 * one buffer, the status read and the body skipped by {@code Content-Length} or chunks. The JDK's
 * {@code HttpClient} spends about a millisecond of CPU per request here (selector hand-offs,
 * futures, header maps), which made the load generator of the end-to-end bench one of the largest
 * consumers of the CPU it measures. Not thread-safe: one connection per sender thread.
 */
public final class KeepAliveHttp implements AutoCloseable {

  private final URI base;
  private final String host;
  private final int timeoutMillis;
  private Socket socket;
  private OutputStream out;
  private InputStream in;

  public KeepAliveHttp(URI base, int timeoutMillis) {
    this.base = base;
    this.host = base.getHost() + ":" + port(base);
    this.timeoutMillis = timeoutMillis;
  }

  /**
   * Sends {@code POST path} with a JSON body and the given bearer token; returns the status. A
   * connection the server closed is opened again once before the error is thrown.
   */
  public int postJson(String path, String bearer, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    byte[] head =
        ("POST "
                + path
                + " HTTP/1.1\r\nHost: "
                + host
                + "\r\nAuthorization: Bearer "
                + bearer
                + "\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length
                + "\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);
    byte[] request = new byte[head.length + body.length];
    System.arraycopy(head, 0, request, 0, head.length);
    System.arraycopy(body, 0, request, head.length, body.length);
    boolean fresh = socket == null;
    try {
      return exchange(request);
    } catch (IOException e) {
      close();
      if (fresh) {
        throw e;
      }
      return exchange(request);
    }
  }

  private int exchange(byte[] request) throws IOException {
    if (socket == null) {
      open();
    }
    out.write(request);
    out.flush();
    String status = line();
    if (status == null || !status.startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP response: " + status);
    }
    int code = Integer.parseInt(status.substring(9, 12));
    long length = -1;
    boolean chunked = false;
    boolean closes = false;
    for (String h = line(); h != null && !h.isEmpty(); h = line()) {
      int colon = h.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = h.substring(0, colon).trim();
      String value = h.substring(colon + 1).trim();
      if (name.equalsIgnoreCase("Content-Length")) {
        length = Long.parseLong(value);
      } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
        chunked = value.equalsIgnoreCase("chunked");
      } else if (name.equalsIgnoreCase("Connection")) {
        closes = value.equalsIgnoreCase("close");
      }
    }
    if (chunked) {
      for (long size = chunkSize(); size > 0; size = chunkSize()) {
        skip(size);
        line();
      }
      while (true) {
        String trailer = line();
        if (trailer == null || trailer.isEmpty()) {
          break;
        }
      }
    } else if (length > 0) {
      skip(length);
    }
    if (closes) {
      close();
    }
    return code;
  }

  private void open() throws IOException {
    Socket s = new Socket();
    s.setTcpNoDelay(true);
    s.setSoTimeout(timeoutMillis);
    s.connect(new InetSocketAddress(base.getHost(), port(base)), timeoutMillis);
    socket = s;
    out = s.getOutputStream();
    in = new BufferedInputStream(s.getInputStream(), 8192);
  }

  private long chunkSize() throws IOException {
    String line = line();
    if (line == null) {
      throw new IOException("connection closed inside a chunked body");
    }
    int semicolon = line.indexOf(';');
    return Long.parseLong((semicolon < 0 ? line : line.substring(0, semicolon)).trim(), 16);
  }

  private void skip(long n) throws IOException {
    long left = n;
    while (left > 0) {
      long skipped = in.skip(left);
      if (skipped <= 0) {
        if (in.read() < 0) {
          throw new IOException("connection closed inside a body");
        }
        skipped = 1;
      }
      left -= skipped;
    }
  }

  /** One CRLF-terminated line without its terminator, or null at the end of the stream. */
  private String line() throws IOException {
    StringBuilder b = new StringBuilder(64);
    int c;
    while ((c = in.read()) >= 0) {
      if (c == '\n') {
        int end = b.length();
        if (end > 0 && b.charAt(end - 1) == '\r') {
          b.setLength(end - 1);
        }
        return b.toString();
      }
      b.append((char) c);
    }
    return b.length() == 0 ? null : b.toString();
  }

  private static int port(URI uri) {
    return uri.getPort() > 0 ? uri.getPort() : 80;
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        // closing a broken connection: nothing left to do
      }
    }
    socket = null;
    out = null;
    in = null;
  }
}
