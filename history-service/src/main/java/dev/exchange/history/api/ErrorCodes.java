package dev.exchange.history.api;

/** Stable codes of the own API's problems. Clients switch on them; never rename one. */
public final class ErrorCodes {

  public static final String UNAUTHENTICATED = "UNAUTHENTICATED";
  public static final String FORBIDDEN = "FORBIDDEN";
  public static final String FIELD_REQUIRED = "FIELD_REQUIRED";
  public static final String INVALID_FIELD_TYPE = "INVALID_FIELD_TYPE";
  public static final String UNKNOWN_SYMBOL = "UNKNOWN_SYMBOL";
  public static final String SYMBOL_INVALID = "SYMBOL_INVALID";
  public static final String INTERVAL_INVALID = "INTERVAL_INVALID";
  public static final String LIMIT_OUT_OF_RANGE = "LIMIT_OUT_OF_RANGE";
  public static final String TIME_INVALID = "TIME_INVALID";
  public static final String RANGE_INVALID = "RANGE_INVALID";
  public static final String CURSOR_INVALID = "CURSOR_INVALID";
  public static final String ORDER_NOT_FOUND = "ORDER_NOT_FOUND";
  public static final String ASSET_INVALID = "ASSET_INVALID";
  public static final String NOT_FOUND = "NOT_FOUND";
  public static final String METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED";
  public static final String INTERNAL_ERROR = "INTERNAL_ERROR";

  private ErrorCodes() {}
}
