package dev.exchange.edge.system;

import dev.exchange.edge.errors.ErrorCodes;
import dev.exchange.service.web.FieldProblem;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Parses enum-valued request fields with an error naming the field and the allowed values. */
public final class Enums {

  private Enums() {}

  /**
   * The constant named {@code text}; null if {@code text} is null, or if it is unknown (then an
   * {@code UNKNOWN_FIELD_VALUE} problem is added to {@code errors}).
   */
  public static <E extends Enum<E>> E parse(
      Class<E> type, String field, String text, List<FieldProblem> errors) {
    if (text == null) {
      return null;
    }
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(text)) {
        return constant;
      }
    }
    errors.add(
        new FieldProblem(
            field,
            ErrorCodes.UNKNOWN_FIELD_VALUE,
            field
                + " must be one of "
                + Arrays.stream(type.getEnumConstants())
                    .map(Enum::name)
                    .collect(Collectors.joining(", "))));
    return null;
  }
}
