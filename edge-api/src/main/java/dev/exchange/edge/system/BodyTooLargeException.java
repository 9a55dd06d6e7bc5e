package dev.exchange.edge.system;

import java.io.IOException;

/** A request body grew past {@code exchange.http.max-body-size} while it was read. */
public final class BodyTooLargeException extends IOException {

  public BodyTooLargeException(long limit) {
    super("the request body exceeds " + limit + " bytes");
  }
}
