package dev.exchange.model;

/**
 * Why a command was refused, at the edge or by the matcher. The numeric codes and names are stable:
 * they appear in API errors, in order events and in the dead-letter topic, so never renumber one.
 */
public enum RejectReason {
  UNKNOWN_SYMBOL(1001, "symbol", "unknown symbol"),
  SYMBOL_HALTED(1002, "symbol", "trading on the symbol is halted; only cancels are accepted"),
  SYMBOL_NOT_TRADING(1003, "symbol", "the symbol is delisted"),
  INVALID_SYMBOL(1004, "symbol", "symbol must be 2 to 20 upper-case letters or digits"),

  PRICE_REQUIRED(1101, "price", "price is required for LIMIT and LIMIT_MAKER orders"),
  PRICE_NOT_ALLOWED(1102, "price", "price must not be set on a MARKET order"),
  PRICE_NOT_POSITIVE(1103, "price", "price must be greater than zero"),
  PRICE_NOT_ON_TICK(1104, "price", "price is not a multiple of the tick size"),
  PRICE_TOO_MANY_DECIMALS(1105, "price", "price has more decimals than the instrument allows"),
  PRICE_MALFORMED(1106, "price", "price is not a decimal number"),
  PRICE_OUT_OF_BAND(
      1107,
      "price",
      "price is outside the allowed band around the last trade price (PERCENT_PRICE_BY_SIDE)"),

  QUANTITY_REQUIRED(1201, "quantity", "quantity is required"),
  QUANTITY_NOT_POSITIVE(1202, "quantity", "quantity must be greater than zero"),
  QUANTITY_NOT_ON_STEP(1203, "quantity", "quantity is not a multiple of the step size"),
  QUANTITY_BELOW_MIN(1204, "quantity", "quantity is below the minimum"),
  QUANTITY_ABOVE_MAX(1205, "quantity", "quantity is above the maximum"),
  QUANTITY_TOO_MANY_DECIMALS(1206, "quantity", "quantity has more decimals than allowed"),
  QUANTITY_MALFORMED(1207, "quantity", "quantity is not a decimal number"),
  QUANTITY_AND_QUOTE_QUANTITY(
      1208, "quoteQuantity", "give either quantity or quoteQuantity on a MARKET order, not both"),
  QUOTE_QUANTITY_NOT_ALLOWED(
      1209, "quoteQuantity", "quoteQuantity is only allowed on a MARKET buy order"),
  QUOTE_QUANTITY_NOT_POSITIVE(1210, "quoteQuantity", "quoteQuantity must be greater than zero"),
  QUOTE_QUANTITY_TOO_MANY_DECIMALS(
      1211, "quoteQuantity", "quoteQuantity has more decimals than allowed"),
  QUOTE_QUANTITY_MALFORMED(1212, "quoteQuantity", "quoteQuantity is not a decimal number"),

  NOTIONAL_BELOW_MIN(1301, "quantity", "price x quantity is below the minimum notional"),
  NOTIONAL_OVERFLOW(1302, "quantity", "price x quantity is too large"),

  TIME_IN_FORCE_NOT_ALLOWED(
      1401,
      "timeInForce",
      "timeInForce is not valid for this order type (MARKET is IOC, LIMIT_MAKER is GTC)"),
  CLIENT_ORDER_ID_INVALID(
      1402, "clientOrderId", "clientOrderId must be 1 to 36 characters of [A-Za-z0-9._:-]"),

  DUPLICATE_CLIENT_ORDER_ID(
      2001,
      "clientOrderId",
      "clientOrderId is used by an open order of this account, or was in the last hour"),
  MAX_OPEN_ORDERS(2002, null, "too many open orders on this symbol for this account"),
  WOULD_TAKE(2003, "type", "LIMIT_MAKER order would immediately match and take"),
  FOK_NOT_FILLABLE(2004, "timeInForce", "FOK order cannot be filled completely"),
  NO_LIQUIDITY(2005, null, "no resting liquidity to match the order"),
  SELF_TRADE_PREVENTED(2006, "selfTradePrevention", "expired by self-trade prevention"),
  UNKNOWN_ORDER(2101, "orderId", "no open order with this id"),
  NOT_ORDER_OWNER(2102, "orderId", "the order belongs to another account"),
  INSTRUMENT_DELISTED(2201, null, "canceled because the instrument was delisted"),
  INSTRUMENT_ALREADY_LISTED(2202, "symbol", "the symbol is already listed"),
  INVALID_INSTRUMENT(2203, null, "the instrument definition is invalid"),
  INSTRUMENT_TRANSITION(2204, null, "the instrument is not in a state that allows this command"),
  SCALE_MISMATCH(2205, null, "the command was encoded with a scale the instrument cannot take"),
  INSUFFICIENT_BALANCE(2301, null, "Account has insufficient balance for requested action."),
  UNKNOWN_ASSET(2302, "asset", "the asset is not listed"),
  ASSET_ALREADY_LISTED(2303, "code", "the asset is already listed with another scale"),
  ASSET_SCALE_TOO_SMALL(
      2304,
      "symbol",
      "an asset's scale cannot hold the instrument's quantities or notionals exactly"),
  AMOUNT_NOT_POSITIVE(2305, "amount", "amount must be greater than zero"),
  AMOUNT_TOO_MANY_DECIMALS(2306, "amount", "amount has more decimals than the asset's scale"),
  AMOUNT_MALFORMED(2307, "amount", "amount is not a decimal number"),
  DUPLICATE_TRANSFER_ID(
      2308, "transferId", "the transferId was already used by this account for another transfer"),
  TRANSFER_ID_INVALID(
      2309, "transferId", "transferId must be 1 to 64 characters of [A-Za-z0-9._:-]"),
  FEE_OUT_OF_RANGE(2310, "makerFeeBps", "fee rates must be 0 to 1000 basis points"),
  PRICE_MULTIPLIER_INVALID(
      2311,
      "bidMultiplierUp",
      "price multipliers are decimals with at most 4 places: down in (0, 1], up at least 1"),

  MALFORMED_COMMAND(9001, null, "the record could not be decoded");

  private final int code;
  private final String field;
  private final String description;

  RejectReason(int code, String field, String description) {
    this.code = code;
    this.field = field;
    this.description = description;
  }

  /** Stable numeric code. */
  public int code() {
    return code;
  }

  /** The request field the reason is about, or null when it concerns the request as a whole. */
  public String field() {
    return field;
  }

  public String description() {
    return description;
  }
}
