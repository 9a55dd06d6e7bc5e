package dev.exchange.service.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * The services' problem documents (RFC 9457 plus {@code code}, {@code field} and {@code errors}),
 * for their MVC exception handlers and for the servlet filters that answer before MVC (security,
 * rate limits, body size), so every error of a service has the same shape.
 *
 * <p>Two forms of {@code errors}, kept as each service has always answered: edge-api's lists every
 * {@link FieldProblem} with all three members ({@code "field":null} for a whole-request error);
 * history-service's has one entry that leaves {@code field} out when there is none.
 */
public final class Problems {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Problems() {}

  /**
   * A problem for these errors (edge-api's form); the first gives {@code code} and {@code field}.
   */
  public static ProblemDetail detail(HttpStatusCode status, List<FieldProblem> errors) {
    FieldProblem first = errors.get(0);
    ProblemDetail problem = head(status, first.code(), first.field(), first.message());
    problem.setProperty("errors", errors);
    return problem;
  }

  /** A problem with one error (history-service's form): no {@code field} member when null. */
  public static ProblemDetail detail(
      HttpStatusCode status, String code, String field, String message) {
    ProblemDetail problem = head(status, code, field, message);
    Map<String, String> error = new LinkedHashMap<>();
    if (field != null) {
      error.put("field", field);
    }
    error.put("code", code);
    error.put("message", message);
    problem.setProperty("errors", List.of(error));
    return problem;
  }

  private static ProblemDetail head(
      HttpStatusCode status, String code, String field, String message) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, message);
    problem.setProperty("code", code);
    if (field != null) {
      problem.setProperty("field", field);
    }
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

  /** Writes a problem response directly, for filters that answer before MVC. */
  public static void write(
      HttpServletResponse response, String path, ProblemDetail problem, Duration retryAfter)
      throws IOException {
    write(response, path, problem, retryAfter, JSON);
  }

  /**
   * Writes a problem response directly with the service's own mapper; {@code instance} is {@code
   * path}.
   */
  public static void write(
      HttpServletResponse response,
      String path,
      ProblemDetail problem,
      Duration retryAfter,
      JsonMapper json)
      throws IOException {
    problem.setInstance(URI.create(path));
    Map<String, Object> body = new LinkedHashMap<>();
    if (problem.getType() != null) {
      body.put("type", problem.getType().toString());
    }
    body.put("title", problem.getTitle());
    body.put("status", problem.getStatus());
    body.put("detail", problem.getDetail());
    body.put("instance", problem.getInstance().toString());
    body.putAll(problem.getProperties());
    response.setStatus(problem.getStatus());
    headers(retryAfter).forEach((name, values) -> values.forEach(v -> response.addHeader(name, v)));
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getOutputStream().write(json.writeValueAsBytes(body));
  }
}
