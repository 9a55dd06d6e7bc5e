package dev.exchange.model;

/**
 * A decimal string that cannot be represented exactly at the requested scale. Nothing is rounded.
 */
public final class InvalidDecimalException extends IllegalArgumentException {

  /** Why the text was refused; stable, so callers can map it to their own error codes. */
  public enum Kind {
    EMPTY,
    MALFORMED,
    TOO_MANY_DECIMALS,
    OVERFLOW,
    NEGATIVE
  }

  private final Kind kind;

  public InvalidDecimalException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
