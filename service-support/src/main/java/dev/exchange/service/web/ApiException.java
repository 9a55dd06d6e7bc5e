package dev.exchange.service.web;

import dev.exchange.model.RejectReason;
import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * A request a service's own API refuses, rendered as {@code application/problem+json} ({@link
 * Problems}) with a stable {@code code}, the {@code field} at fault (the first one, if several) and
 * every problem in {@code errors}.
 */
public final class ApiException extends RuntimeException {

  private final HttpStatus status;
  private final List<FieldProblem> errors;
  private final Duration retryAfter;

  public ApiException(HttpStatus status, List<FieldProblem> errors, Duration retryAfter) {
    super(errors.get(0).message());
    this.status = status;
    this.errors = List.copyOf(errors);
    this.retryAfter = retryAfter;
  }

  public static ApiException of(HttpStatus status, String code, String field, String message) {
    return new ApiException(status, List.of(new FieldProblem(field, code, message)), null);
  }

  public static ApiException badRequest(String code, String field, String message) {
    return of(HttpStatus.BAD_REQUEST, code, field, message);
  }

  public static ApiException badRequest(List<FieldProblem> errors) {
    return new ApiException(HttpStatus.BAD_REQUEST, errors, null);
  }

  public static ApiException rejected(RejectReason reason) {
    return new ApiException(HttpStatus.BAD_REQUEST, List.of(FieldProblem.of(reason)), null);
  }

  public static ApiException rejected(HttpStatus status, RejectReason reason, String message) {
    return new ApiException(status, List.of(FieldProblem.of(reason, message)), null);
  }

  public HttpStatus status() {
    return status;
  }

  public List<FieldProblem> errors() {
    return errors;
  }

  public String code() {
    return errors.get(0).code();
  }

  public String field() {
    return errors.get(0).field();
  }

  /** When to retry, for 429 and 503; null otherwise. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
