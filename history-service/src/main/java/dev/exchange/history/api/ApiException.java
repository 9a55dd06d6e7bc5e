package dev.exchange.history.api;

import org.springframework.http.HttpStatus;

/**
 * A request the own API refuses, rendered as {@code application/problem+json} with a stable {@code
 * code} and the {@code field} at fault.
 */
public final class ApiException extends RuntimeException {

  private final HttpStatus status;
  private final String code;
  private final String field;

  public ApiException(HttpStatus status, String code, String field, String message) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
  }

  public static ApiException badRequest(String code, String field, String message) {
    return new ApiException(HttpStatus.BAD_REQUEST, code, field, message);
  }

  public HttpStatus status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String field() {
    return field;
  }
}
