package dev.exchange.edge.system;

import dev.exchange.edge.errors.ErrorCodes;
import dev.exchange.edge.errors.ProblemWriter;
import dev.exchange.service.web.FieldProblem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses bodies above the configured size with 413: at once when Content-Length says so, else when
 * a chunked body grows past the limit while it is read.
 */
final class BodySizeFilter extends OncePerRequestFilter {

  private final long limit;
  private final ProblemWriter problems;

  BodySizeFilter(long limit, ProblemWriter problems) {
    this.limit = limit;
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > limit) {
      problems.write(
          request,
          response,
          HttpStatus.CONTENT_TOO_LARGE,
          new FieldProblem(
              null, ErrorCodes.BODY_TOO_LARGE, "the request body exceeds " + limit + " bytes"),
          null);
      return;
    }
    chain.doFilter(request.getContentLengthLong() < 0 ? new Limited(request) : request, response);
  }

  private final class Limited extends HttpServletRequestWrapper {

    private ServletInputStream stream;

    Limited(HttpServletRequest request) {
      super(request);
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        stream = new CountingStream(super.getInputStream());
      }
      return stream;
    }
  }

  private final class CountingStream extends ServletInputStream {

    private final ServletInputStream in;
    private long count;

    CountingStream(ServletInputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        add(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0) {
        add(n);
      }
      return n;
    }

    private void add(int n) throws BodyTooLargeException {
      count += n;
      if (count > limit) {
        throw new BodyTooLargeException(limit);
      }
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }
}
