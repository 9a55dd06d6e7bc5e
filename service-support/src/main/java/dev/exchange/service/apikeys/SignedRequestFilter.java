package dev.exchange.service.apikeys;

import dev.exchange.service.web.BinanceErrorHandler;
import dev.exchange.service.web.BinanceException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates Binance's signed endpoints before anything else reads the request: it takes the raw
 * query string and form body (the body is read here, so that the servlet container never parses it
 * first and the bytes the client signed stay available), checks them with {@link
 * ApiKeyAuthenticator}, and hands the request on with the key as attribute {@link #API_KEY} and the
 * decoded parameters of both parts (the query string's value first). A refused request is answered
 * in Binance's form and goes no further. Requests for which {@code permissionFor} answers null pass
 * untouched.
 */
public final class SignedRequestFilter extends OncePerRequestFilter {

  /** The request attribute holding the verified {@link ApiKey}. */
  public static final String API_KEY = ApiKey.class.getName();

  /** The header carrying the api key. */
  public static final String HEADER = "X-MBX-APIKEY";

  private final ApiKeyAuthenticator authenticator;
  private final Function<HttpServletRequest, Permission> permissionFor;
  private final int maxBody;

  public SignedRequestFilter(
      ApiKeyAuthenticator authenticator,
      Function<HttpServletRequest, Permission> permissionFor,
      int maxBody) {
    this.authenticator = authenticator;
    this.permissionFor = permissionFor;
    this.maxBody = maxBody;
  }

  /** The verified key of a signed request. */
  public static ApiKey apiKey(HttpServletRequest request) {
    ApiKey key = (ApiKey) request.getAttribute(API_KEY);
    if (key == null) {
      throw new IllegalStateException("not a signed request: " + request.getRequestURI());
    }
    return key;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Permission needed = permissionFor.apply(request);
    if (needed == null) {
      chain.doFilter(request, response);
      return;
    }
    byte[] body = request.getInputStream().readNBytes(maxBody + 1);
    SignedPayload signed;
    ApiKey key;
    try {
      if (body.length > maxBody) {
        throw BinanceException.illegal("body", "at most " + maxBody + " bytes");
      }
      signed = SignedPayload.parse(request.getQueryString(), formBody(request, body));
      key =
          authenticator.authenticate(
              request.getHeader(HEADER), signed, request.getRemoteAddr(), needed);
    } catch (BinanceException e) {
      write(response, e);
      return;
    }
    request.setAttribute(API_KEY, key);
    chain.doFilter(new Signed(request, body, signed.parameters()), response);
  }

  private static String formBody(HttpServletRequest request, byte[] body) {
    String type = request.getContentType();
    boolean form =
        type == null
            || MediaType.parseMediaType(type)
                .isCompatibleWith(MediaType.APPLICATION_FORM_URLENCODED);
    return form ? new String(body, StandardCharsets.UTF_8) : null;
  }

  /** Writes {@code e} as Binance's error body. */
  public static void write(HttpServletResponse response, BinanceException e) throws IOException {
    ResponseEntity<String> rendered = BinanceErrorHandler.render(e);
    response.setStatus(rendered.getStatusCode().value());
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.getOutputStream().write(rendered.getBody().getBytes(StandardCharsets.UTF_8));
  }

  /** The request as the controllers see it: parameters from both parts, the body replayable. */
  private static final class Signed extends HttpServletRequestWrapper {

    private final byte[] body;
    private final Map<String, String[]> parameters = new LinkedHashMap<>();

    Signed(HttpServletRequest request, byte[] body, Map<String, String> parameters) {
      super(request);
      this.body = body;
      parameters.forEach((k, v) -> this.parameters.put(k, new String[] {v}));
    }

    @Override
    public String getParameter(String name) {
      String[] values = parameters.get(name);
      return values == null ? null : values[0];
    }

    @Override
    public Map<String, String[]> getParameterMap() {
      return Collections.unmodifiableMap(parameters);
    }

    @Override
    public Enumeration<String> getParameterNames() {
      return Collections.enumeration(parameters.keySet());
    }

    @Override
    public String[] getParameterValues(String name) {
      return parameters.get(name);
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(
          new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("synchronous reads only");
        }
      };
    }
  }
}
