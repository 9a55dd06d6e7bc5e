package dev.exchange.service.web;

import dev.exchange.model.RejectReason;

/**
 * One entry of a problem's {@code errors} array. {@code field} is null for whole-request errors.
 */
public record FieldProblem(String field, String code, String message) {

  public static FieldProblem of(RejectReason reason) {
    return new FieldProblem(reason.field(), reason.name(), reason.description());
  }

  public static FieldProblem of(RejectReason reason, String message) {
    return new FieldProblem(reason.field(), reason.name(), message);
  }
}
