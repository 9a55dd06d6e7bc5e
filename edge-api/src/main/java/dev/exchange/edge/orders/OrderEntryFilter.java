package dev.exchange.edge.orders;

import dev.exchange.edge.errors.BodyErrors;
import dev.exchange.edge.errors.ProblemWriter;
import dev.exchange.edge.kafka.CommandPublisher;
import dev.exchange.edge.security.TraderAuthentication;
import dev.exchange.service.ratelimit.RateLimiters;
import dev.exchange.service.web.ApiException;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fast path of {@code POST /api/v1/orders}: the same checks as the regular stack (Spring
 * Security's bearer authentication and roles, the rate limits, the JSON reading of {@link
 * PlaceOrderRequest}, {@link OrderService#prepare}, the problem documents and metrics), without
 * Spring MVC's dispatch and the generic security filter chain, and without a request thread waiting
 * for Kafka: the request goes asynchronous and the producer's callback writes the 202 (or the 503
 * when the acknowledgement does not come in time).
 *
 * <p>It takes only the plain, common request: exactly {@code POST /api/v1/orders} without a query,
 * {@code Content-Type: application/json}, a {@code Content-Length} within the body limit, no {@code
 * Accept} or one that allows JSON, and a bearer token that authenticates with a trading role. Any
 * other request, including every unauthenticated or forbidden one, goes down the filter chain
 * untouched (nothing read, nothing charged to a rate limit), where the regular stack answers it as
 * before, so the two paths cannot disagree on an error.
 */
final class OrderEntryFilter implements Filter {

  static final String PATH = "/api/v1/orders";

  private static final Logger LOG = LoggerFactory.getLogger(OrderEntryFilter.class);

  /** Headers that Spring Security's header writer adds to every response of the regular stack. */
  private static final String[][] SECURITY_HEADERS = {
    {"X-Content-Type-Options", "nosniff"},
    {"X-XSS-Protection", "0"},
    {"Cache-Control", "no-cache, no-store, max-age=0, must-revalidate"},
    {"Pragma", "no-cache"},
    {"Expires", "0"},
    {"X-Frame-Options", "DENY"}
  };

  private final OrderService orders;
  private final CommandPublisher publisher;
  private final TraderAuthentication authentication;
  private final RateLimiters limiters;
  private final ProblemWriter problems;
  private final OrderJson json;
  private final long maxBodySize;
  private final long asyncTimeoutMillis;

  OrderEntryFilter(
      OrderService orders,
      CommandPublisher publisher,
      TraderAuthentication authentication,
      RateLimiters limiters,
      ProblemWriter problems,
      JsonMapper json,
      long maxBodySize,
      Duration sendTimeout) {
    this.orders = orders;
    this.publisher = publisher;
    this.authentication = authentication;
    this.limiters = limiters;
    this.problems = problems;
    this.json = new OrderJson(json);
    this.maxBodySize = maxBodySize;
    // Only a backstop: the publisher reports every send by the bound.
    this.asyncTimeoutMillis = 2 * sendTimeout.toMillis() + 10_000;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;
    String account = isPlainOrderRequest(request) ? trader(request) : null;
    if (account == null) {
      chain.doFilter(request, response);
      return;
    }
    securityHeaders(response);
    if (limiters.enabled()) {
      RateLimiters.Refusal refusal = limiters.check(request.getRemoteAddr(), account);
      if (refusal != null) {
        problems.write(
            request,
            response,
            HttpStatus.TOO_MANY_REQUESTS,
            refusal.problem(),
            refusal.retryAfter());
        return;
      }
    }
    OrderService.Prepared prepared;
    try {
      prepared = orders.prepare(account, read(request));
    } catch (ApiException e) {
      problems.write(request, response, e.status(), e.errors(), e.retryAfter());
      return;
    }
    byte[] answer = json.write(prepared.answer());
    AsyncContext async = request.startAsync(request, response);
    async.setTimeout(asyncTimeoutMillis);
    publisher.publishAsync(prepared.command(), new Answer(request, response, async, answer));
  }

  private boolean isPlainOrderRequest(HttpServletRequest request) {
    long length = request.getContentLengthLong();
    return request.getDispatcherType() == DispatcherType.REQUEST
        && "POST".equals(request.getMethod())
        && PATH.equals(request.getRequestURI())
        && request.getQueryString() == null
        && length >= 0
        && length <= maxBodySize
        && isJson(request.getContentType())
        && acceptsJson(request.getHeader("Accept"))
        && request.isAsyncSupported();
  }

  private static boolean isJson(String contentType) {
    return contentType != null
        && (contentType.equalsIgnoreCase("application/json")
            || contentType.equalsIgnoreCase("application/json;charset=UTF-8")
            || contentType.equalsIgnoreCase("application/json; charset=UTF-8"));
  }

  private static boolean acceptsJson(String accept) {
    return accept == null || accept.equals("*/*") || accept.equals("application/json");
  }

  private String trader(HttpServletRequest request) {
    return authentication.trader(request.getHeader("Authorization"));
  }

  /** The body as the message converter reads it, with the same errors. */
  private PlaceOrderRequest read(HttpServletRequest request) throws IOException {
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = in.readNBytes((int) request.getContentLengthLong());
    }
    if (body.length == 0) {
      throw ApiException.badRequest(List.of(BodyErrors.missing()));
    }
    try {
      return json.read(body);
    } catch (JacksonException e) {
      throw ApiException.badRequest(List.of(BodyErrors.describe(e)));
    }
  }

  private static void securityHeaders(HttpServletResponse response) {
    for (String[] header : SECURITY_HEADERS) {
      response.setHeader(header[0], header[1]);
    }
  }

  /**
   * Completes the asynchronous request with the outcome of the send. It runs on the producer's I/O
   * thread (or the sweeper's), so it only fills the response buffer: no {@code Content-Length} is
   * set, which would make Tomcat commit and flush to the socket as soon as the body is written;
   * {@code complete()} hands the flush to a container thread, and Tomcat adds the length then.
   */
  private final class Answer implements CommandPublisher.Outcome {

    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final AsyncContext async;
    private final byte[] body;

    Answer(
        HttpServletRequest request, HttpServletResponse response, AsyncContext async, byte[] body) {
      this.request = request;
      this.response = response;
      this.async = async;
      this.body = body;
    }

    @Override
    public void acknowledged() {
      orders.countAccepted();
      try {
        response.setStatus(HttpStatus.ACCEPTED.value());
        response.setContentType("application/json");
        response.getOutputStream().write(body);
        async.complete();
      } catch (IOException | IllegalStateException e) {
        LOG.debug("the client of an accepted order is gone: {}", e.toString());
      }
    }

    @Override
    public void failed(ApiException unavailable) {
      try {
        problems.write(
            request,
            response,
            unavailable.status(),
            unavailable.errors(),
            unavailable.retryAfter());
        async.complete();
      } catch (IOException | IllegalStateException e) {
        LOG.debug("the client of a refused order is gone: {}", e.toString());
      }
    }
  }
}
