package dev.exchange.history.api;

import dev.exchange.service.web.ApiException;
import dev.exchange.service.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Renders every error of the own API ({@code /api/v1/history}) as a problem document. */
@RestControllerAdvice(basePackageClasses = ApiExceptionHandler.class)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionHandler.class);

  @ExceptionHandler(ApiException.class)
  ResponseEntity<Object> handleApi(ApiException ex) {
    return ResponseEntity.status(ex.status())
        .body(Problems.detail(ex.status(), ex.code(), ex.field(), ex.getMessage()));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> handleUnexpected(Exception ex) {
    LOG.error("unexpected error", ex);
    ProblemDetail problem =
        Problems.detail(
            HttpStatus.INTERNAL_SERVER_ERROR, ErrorCodes.INTERNAL_ERROR, null, "internal error");
    return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(problem);
  }

  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception ex, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String code = ErrorCodes.INTERNAL_ERROR;
    String message = ex.getMessage();
    if (ex instanceof NoResourceFoundException) {
      code = ErrorCodes.NOT_FOUND;
      message = "no such endpoint";
    } else if (ex instanceof HttpRequestMethodNotSupportedException method) {
      code = ErrorCodes.METHOD_NOT_ALLOWED;
      message = "method " + method.getMethod() + " is not supported on this path";
    }
    return ResponseEntity.status(status)
        .headers(headers)
        .body(Problems.detail(status, code, null, message));
  }
}
