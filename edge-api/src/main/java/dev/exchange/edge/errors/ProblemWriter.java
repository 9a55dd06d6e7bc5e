package dev.exchange.edge.errors;

import dev.exchange.service.web.FieldProblem;
import dev.exchange.service.web.Problems;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The edge's problem answers (service-support's {@link Problems}, edge-api's form) for the servlet
 * filters that answer before MVC (security, rate limits, body size, the order fast path) and for
 * the MVC exception handler, counting rejected order requests by reason.
 */
@Component
public class ProblemWriter {

  private static final String ORDERS_PATH = "/api/v1/orders";

  private final JsonMapper json;
  private final MeterRegistry meters;
  private final Map<String, Counter> rejected = new ConcurrentHashMap<>();

  public ProblemWriter(JsonMapper json, MeterRegistry meters) {
    this.json = json;
    this.meters = meters;
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
    Problems.write(
        response, request.getRequestURI(), Problems.detail(status, errors), retryAfter, json);
  }
}
