package dev.exchange.delivery.channels;

/**
 * What one try to deliver a firing came to.
 *
 * @param sent delivered
 * @param retryable not delivered, and another try may succeed (5xx, 429, no answer)
 * @param statusCode the receiver's HTTP status, null for none (and for e-mail)
 * @param error why it was not delivered, short; null when sent
 */
public record Result(boolean sent, boolean retryable, Integer statusCode, String error) {

  public static Result sent(Integer statusCode) {
    return new Result(true, false, statusCode, null);
  }

  public static Result retry(Integer statusCode, String error) {
    return new Result(false, true, statusCode, error);
  }

  public static Result fail(Integer statusCode, String error) {
    return new Result(false, false, statusCode, error);
  }
}
