package dev.exchange.edge.errors;

import dev.exchange.service.ratelimit.RateLimiters;

/**
 * Stable codes of errors that are not order rejections (those use {@link
 * dev.exchange.model.RejectReason} names). Clients switch on them; never rename one.
 */
public final class ErrorCodes {

  public static final String UNAUTHENTICATED = "UNAUTHENTICATED";
  public static final String FORBIDDEN = "FORBIDDEN";
  public static final String BODY_TOO_LARGE = "BODY_TOO_LARGE";
  public static final String MALFORMED_JSON = "MALFORMED_JSON";
  public static final String UNKNOWN_FIELD = "UNKNOWN_FIELD";
  public static final String INVALID_FIELD_TYPE = "INVALID_FIELD_TYPE";
  public static final String UNKNOWN_FIELD_VALUE = "UNKNOWN_FIELD_VALUE";
  public static final String FIELD_REQUIRED = "FIELD_REQUIRED";
  public static final String ORDER_ID_INVALID = "ORDER_ID_INVALID";
  public static final String RATE_LIMITED = RateLimiters.CODE;
  public static final String KAFKA_UNAVAILABLE = "KAFKA_UNAVAILABLE";

  /** 503: the edge has just started and has not read every instrument yet. */
  public static final String INSTRUMENTS_LOADING = "INSTRUMENTS_LOADING";

  public static final String UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE";
  public static final String NOT_ACCEPTABLE = "NOT_ACCEPTABLE";
  public static final String METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED";
  public static final String NOT_FOUND = "NOT_FOUND";
  public static final String INVALID_REQUEST = "INVALID_REQUEST";
  public static final String INTERNAL_ERROR = "INTERNAL_ERROR";
  public static final String ASSET_CODE_INVALID = "ASSET_CODE_INVALID";
  public static final String ASSET_SCALE_INVALID = "ASSET_SCALE_INVALID";
  public static final String ACCOUNT_INVALID = "ACCOUNT_INVALID";

  private ErrorCodes() {}

  // API keys (/api/v1/api-keys)
  public static final String API_KEY_NOT_FOUND = "API_KEY_NOT_FOUND";
  public static final String API_KEY_LIMIT = "API_KEY_LIMIT";
  public static final String PUBLIC_KEY_INVALID = "PUBLIC_KEY_INVALID";
  public static final String PUBLIC_KEY_NOT_ALLOWED = "PUBLIC_KEY_NOT_ALLOWED";
  public static final String IP_ALLOW_LIST_INVALID = "IP_ALLOW_LIST_INVALID";
  public static final String LABEL_INVALID = "LABEL_INVALID";

  // Alerts (/api/v1/alerts)
  public static final String ALERT_NOT_FOUND = "ALERT_NOT_FOUND";
  public static final String ALERT_LIMIT = "ALERT_LIMIT";
  public static final String ALERT_INVALID = "ALERT_INVALID";
  public static final String CLIENT_ALERT_ID_INVALID = "CLIENT_ALERT_ID_INVALID";

  /** 503: {@code exchange.alerts.webhook-key} is not set, so no webhook secret can be shown. */
  public static final String WEBHOOKS_NOT_CONFIGURED = "WEBHOOKS_NOT_CONFIGURED";

  /** 503: the edge has just started and has not read every alert yet. */
  public static final String ALERTS_LOADING = "ALERTS_LOADING";
}
