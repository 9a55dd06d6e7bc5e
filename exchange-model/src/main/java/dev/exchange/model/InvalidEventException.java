package dev.exchange.model;

/** Bytes that are not a decodable event: they go to the dead-letter topic with this message. */
public final class InvalidEventException extends RuntimeException {

  public InvalidEventException(String message) {
    super(message);
  }
}
