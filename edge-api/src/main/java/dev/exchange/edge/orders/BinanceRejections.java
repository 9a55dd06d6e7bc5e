package dev.exchange.edge.orders;

import dev.exchange.edge.errors.ErrorCodes;
import dev.exchange.model.RejectReason;
import dev.exchange.service.web.ApiException;
import dev.exchange.service.web.BinanceException;
import dev.exchange.service.web.FieldProblem;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * Our order refusals in Binance's words: the edge's validation ({@link ApiException} with a {@link
 * RejectReason} or request code) and the engine's REJECTED reports. Filter failures are -1013 with
 * the filter's name, what the engine refuses later -2010, Binance's parameter errors where the
 * request is at fault.
 */
final class BinanceRejections {

  /** Our field names as Binance calls the parameters. */
  private static final Map<String, String> PARAMETERS =
      Map.of(
          "quoteQuantity", "quoteOrderQty",
          "clientOrderId", "newClientOrderId",
          "selfTradePrevention", "selfTradePreventionMode");

  private BinanceRejections() {}

  static BinanceException of(ApiException e) {
    if (e.status() == HttpStatus.SERVICE_UNAVAILABLE) {
      return BinanceException.backendTimeout();
    }
    FieldProblem first = e.errors().get(0);
    String parameter =
        first.field() == null ? "" : PARAMETERS.getOrDefault(first.field(), first.field());
    return switch (first.code()) {
      case ErrorCodes.FIELD_REQUIRED -> BinanceException.missing(parameter);
      case ErrorCodes.UNKNOWN_FIELD_VALUE -> invalidValue(parameter);
      case ErrorCodes.ORDER_ID_INVALID -> BinanceException.unknownOrderSent();
      default -> {
        RejectReason reason = reason(first.code());
        yield reason == null
            ? new BinanceException(HttpStatus.BAD_REQUEST, -1100, first.message())
            : of(reason);
      }
    };
  }

  /** The Binance error for a rejection reason, from the edge or from the engine. */
  static BinanceException of(RejectReason reason) {
    return switch (reason) {
      case UNKNOWN_SYMBOL, INVALID_SYMBOL -> BinanceException.invalidSymbol();
      case PRICE_NOT_ON_TICK, PRICE_NOT_POSITIVE -> BinanceException.filterFailure("PRICE_FILTER");
      case PRICE_OUT_OF_BAND -> BinanceException.filterFailure("PERCENT_PRICE_BY_SIDE");
      case QUANTITY_NOT_ON_STEP, QUANTITY_BELOW_MIN, QUANTITY_ABOVE_MAX, QUANTITY_NOT_POSITIVE ->
          BinanceException.filterFailure("LOT_SIZE");
      case NOTIONAL_BELOW_MIN, NOTIONAL_OVERFLOW -> BinanceException.filterFailure("NOTIONAL");
      case MAX_OPEN_ORDERS -> BinanceException.filterFailure("MAX_NUM_ORDERS");
      case PRICE_TOO_MANY_DECIMALS, QUANTITY_TOO_MANY_DECIMALS, QUOTE_QUANTITY_TOO_MANY_DECIMALS ->
          new BinanceException(
              HttpStatus.BAD_REQUEST,
              -1111,
              "Precision is over the maximum defined for this asset.");
      case PRICE_MALFORMED, QUANTITY_MALFORMED, QUOTE_QUANTITY_MALFORMED, CLIENT_ORDER_ID_INVALID ->
          BinanceException.illegal(
              PARAMETERS.getOrDefault(reason.field(), reason.field()),
              "^([0-9]{1,20})(\\.[0-9]{1,20})?$");
      case PRICE_REQUIRED, QUANTITY_REQUIRED -> BinanceException.missing(reason.field());
      case PRICE_NOT_ALLOWED,
          QUOTE_QUANTITY_NOT_ALLOWED,
          QUANTITY_AND_QUOTE_QUANTITY,
          TIME_IN_FORCE_NOT_ALLOWED ->
          new BinanceException(
              HttpStatus.BAD_REQUEST,
              -1106,
              "Parameter '"
                  + PARAMETERS.getOrDefault(reason.field(), reason.field())
                  + "' sent when not required.");
      case SYMBOL_HALTED, SYMBOL_NOT_TRADING ->
          new BinanceException(HttpStatus.BAD_REQUEST, -1013, "Market is closed.");
      case UNKNOWN_ORDER, NOT_ORDER_OWNER -> BinanceException.unknownOrderSent();
      case WOULD_TAKE ->
          BinanceException.newOrderRejected("Order would immediately match and take.");
      default -> BinanceException.newOrderRejected(reason.description());
    };
  }

  private static BinanceException invalidValue(String parameter) {
    return switch (parameter) {
      case "side" -> new BinanceException(HttpStatus.BAD_REQUEST, -1117, "Invalid side.");
      case "type" -> new BinanceException(HttpStatus.BAD_REQUEST, -1116, "Invalid orderType.");
      case "timeInForce" ->
          new BinanceException(HttpStatus.BAD_REQUEST, -1115, "Invalid timeInForce.");
      default -> BinanceException.invalid(parameter);
    };
  }

  private static RejectReason reason(String code) {
    try {
      return RejectReason.valueOf(code);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
