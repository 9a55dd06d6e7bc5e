package dev.exchange.edge.errors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the API's problem documents (RFC 9457 plus {@code code}, {@code field}, {@code errors}),
 * for the MVC exception handler and for the servlet filters that answer before MVC (security, rate
 * limits, body size), so every error has the same shape. Also counts rejected order requests by
 * reason.
 */
@Component
public class Problems {

  private static final String ORDERS_PATH = "/api/v1/orders";

  private final JsonMapper json;
  private final MeterRegistry meters;
  private final Map<String, Counter> rejected = new ConcurrentHashMap<>();

  public Problems(JsonMapper json, MeterRegistry meters) {
    this.json = json;
    this.meters = meters;
  }

  /** A problem detail for these errors; the first one gives {@code code} and {@code field}. */
  public ProblemDetail detail(HttpStatusCode status, List<FieldProblem> errors) {
    FieldProblem first = errors.get(0);
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, first.message());
    problem.setProperty("code", first.code());
    if (first.field() != null) {
      problem.setProperty("field", first.field());
    }
    problem.setProperty("errors", errors);
    return problem;
  }

  /** Headers that go with an error: {@code Retry-After} in whole seconds, at least 1. */
  public static HttpHeaders headers(Duration retryAfter) {
    HttpHeaders headers = new HttpHeaders();
    if (retryAfter != null) {
      long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
      headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    }
    return headers;
  }

  /** Counts a refused request on the order endpoints under its reason code. */
  public void countRejection(HttpServletRequest request, String code) {
    String path = request.getRequestURI();
    if (path != null && path.startsWith(ORDERS_PATH)) {
      rejected
          .computeIfAbsent(
              code,
              c ->
                  Counter.builder("exchange.orders.rejected")
                      .description("Order requests refused by the edge, by reason code")
                      .tag("reason", c)
                      .register(meters))
          .increment();
    }
  }

  /** Writes a problem response directly, for filters that answer before MVC. */
  public void write(
      HttpServletRequest request,
      HttpServletResponse response,
      HttpStatusCode status,
      FieldProblem error,
      Duration retryAfter)
      throws IOException {
    write(request, response, status, List.of(error), retryAfter);
  }

  /** Writes a problem response with every error; the first one gives {@code code} and field. */
  public void write(
      HttpServletRequest request,
      HttpServletResponse response,
      HttpStatusCode status,
      List<FieldProblem> errors,
      Duration retryAfter)
      throws IOException {
    countRejection(request, errors.get(0).code());
    ProblemDetail problem = detail(status, errors);
    problem.setInstance(java.net.URI.create(request.getRequestURI()));
    Map<String, Object> body = new LinkedHashMap<>();
    if (problem.getType() != null) {
      body.put("type", problem.getType().toString());
    }
    body.put("title", problem.getTitle());
    body.put("status", problem.getStatus());
    body.put("detail", problem.getDetail());
    body.put("instance", problem.getInstance().toString());
    body.putAll(problem.getProperties());
    response.setStatus(status.value());
    headers(retryAfter).forEach((name, values) -> values.forEach(v -> response.addHeader(name, v)));
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getOutputStream().write(json.writeValueAsBytes(body));
  }
}
