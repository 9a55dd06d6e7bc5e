package dev.exchange.edge.errors;

import dev.exchange.service.web.ApiException;
import dev.exchange.service.web.FieldProblem;
import dev.exchange.service.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Renders every error of the API as a problem document with a stable code. */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionHandler.class);

  private final ProblemWriter problems;

  ApiExceptionHandler(ProblemWriter problems) {
    this.problems = problems;
  }

  @ExceptionHandler(ApiException.class)
  ResponseEntity<Object> handleApi(ApiException ex, NativeWebRequest request) {
    return respond(ex.status(), ex.errors(), Problems.headers(ex.retryAfter()), request);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> handleUnexpected(Exception ex, NativeWebRequest request) {
    LOG.error("unexpected error", ex);
    return respond(
        HttpStatus.INTERNAL_SERVER_ERROR,
        List.of(new FieldProblem(null, ErrorCodes.INTERNAL_ERROR, "internal error")),
        new HttpHeaders(),
        request);
  }

  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception ex, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    FieldProblem error = describe(ex);
    HttpStatusCode effective =
        error.code().equals(ErrorCodes.BODY_TOO_LARGE) ? HttpStatus.CONTENT_TOO_LARGE : status;
    return respond(effective, List.of(error), headers, request);
  }

  private ResponseEntity<Object> respond(
      HttpStatusCode status, List<FieldProblem> errors, HttpHeaders headers, WebRequest request) {
    HttpServletRequest servletRequest =
        ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
    if (servletRequest != null) {
      problems.countRejection(servletRequest, errors.get(0).code());
    }
    ProblemDetail problem = Problems.detail(status, errors);
    return ResponseEntity.status(status).headers(headers).body(problem);
  }

  private static FieldProblem describe(Exception ex) {
    if (ex instanceof HttpMessageNotReadableException unreadable) {
      return BodyErrors.describe(unreadable);
    }
    if (ex instanceof HttpMediaTypeNotSupportedException) {
      return new FieldProblem(
          null,
          ErrorCodes.UNSUPPORTED_MEDIA_TYPE,
          "Content-Type must be application/json (" + ex.getMessage() + ")");
    }
    if (ex instanceof HttpMediaTypeNotAcceptableException) {
      return new FieldProblem(
          null, ErrorCodes.NOT_ACCEPTABLE, "responses are application/json or problem+json");
    }
    if (ex instanceof HttpRequestMethodNotSupportedException method) {
      return new FieldProblem(
          null,
          ErrorCodes.METHOD_NOT_ALLOWED,
          "method " + method.getMethod() + " is not supported on this path");
    }
    if (ex instanceof NoResourceFoundException) {
      return new FieldProblem(null, ErrorCodes.NOT_FOUND, "no such endpoint");
    }
    if (ex instanceof MissingServletRequestParameterException missing) {
      return new FieldProblem(
          missing.getParameterName(),
          ErrorCodes.FIELD_REQUIRED,
          "query parameter '" + missing.getParameterName() + "' is required");
    }
    if (ex instanceof TypeMismatchException mismatch) {
      return new FieldProblem(
          mismatch.getPropertyName(),
          ErrorCodes.INVALID_FIELD_TYPE,
          "'" + mismatch.getPropertyName() + "' has the wrong type");
    }
    return new FieldProblem(null, ErrorCodes.INVALID_REQUEST, ex.getMessage());
  }
}
