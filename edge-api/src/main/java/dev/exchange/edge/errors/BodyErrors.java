package dev.exchange.edge.errors;

import dev.exchange.edge.system.BodyTooLargeException;
import dev.exchange.service.web.FieldProblem;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * The problem for a request body that could not be read into its request type, from the Jackson
 * exception (or one it caused): one routine for Spring MVC's message converter and the order entry
 * fast path, so both name the same code, field and message.
 */
public final class BodyErrors {

  private BodyErrors() {}

  /** A body that was sent empty. */
  public static FieldProblem missing() {
    return new FieldProblem(
        null, ErrorCodes.MALFORMED_JSON, "the request body is missing or is not JSON");
  }

  /** The problem for {@code error}, searched along its causes. */
  public static FieldProblem describe(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof BodyTooLargeException tooLarge) {
        return new FieldProblem(null, ErrorCodes.BODY_TOO_LARGE, tooLarge.getMessage());
      }
      if (t instanceof UnrecognizedPropertyException unknown) {
        return new FieldProblem(
            unknown.getPropertyName(),
            ErrorCodes.UNKNOWN_FIELD,
            "unknown field '" + unknown.getPropertyName() + "'");
      }
      if (t instanceof InvalidFormatException || t instanceof MismatchedInputException) {
        String field = fieldOf((JacksonException) t);
        return new FieldProblem(
            field,
            ErrorCodes.INVALID_FIELD_TYPE,
            field == null
                ? "the body must be a JSON object"
                : "'" + field + "' has the wrong JSON type (decimals are strings, e.g. \"0.5\")");
      }
      if (t instanceof StreamReadException read) {
        return new FieldProblem(
            null, ErrorCodes.MALFORMED_JSON, "malformed JSON: " + read.getOriginalMessage());
      }
    }
    return missing();
  }

  private static String fieldOf(JacksonException ex) {
    List<JacksonException.Reference> path = ex.getPath();
    for (int i = path.size() - 1; i >= 0; i--) {
      if (path.get(i).getPropertyName() != null) {
        return path.get(i).getPropertyName();
      }
    }
    return null;
  }
}
