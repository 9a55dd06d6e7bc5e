package dev.exchange.history.api;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * The own API's problem documents (RFC 9457 plus {@code code}, {@code field} and {@code errors},
 * the shape edge-api uses), for the MVC handler and for the security filters that answer before
 * MVC.
 */
public final class Problems {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Problems() {}

  public static ProblemDetail detail(
      HttpStatusCode status, String code, String field, String message) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, message);
    problem.setProperty("code", code);
    Map<String, String> error = new LinkedHashMap<>();
    if (field != null) {
      problem.setProperty("field", field);
      error.put("field", field);
    }
    error.put("code", code);
    error.put("message", message);
    problem.setProperty("errors", List.of(error));
    return problem;
  }

  /** Writes a problem response directly, for filters that answer before MVC. */
  public static void write(
      String path, HttpServletResponse response, HttpStatusCode status, String code, String message)
      throws IOException {
    ProblemDetail problem = detail(status, code, null, message);
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
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getOutputStream().write(JSON.writeValueAsBytes(body));
  }
}
