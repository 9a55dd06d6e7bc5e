package dev.exchange.edge.orders;

import dev.exchange.edge.errors.ErrorCodes;
import dev.exchange.edge.instruments.TrimmedDecimals;
import dev.exchange.edge.kafka.CommandPublisher;
import dev.exchange.edge.kafka.Commands;
import dev.exchange.edge.system.Enums;
import dev.exchange.edge.system.Ids;
import dev.exchange.model.FixedPoint;
import dev.exchange.model.InstrumentSpec;
import dev.exchange.model.InvalidDecimalException;
import dev.exchange.model.OrderRules;
import dev.exchange.model.RejectReason;
import dev.exchange.model.Symbols;
import dev.exchange.model.avro.AccountCommand;
import dev.exchange.model.avro.Asset;
import dev.exchange.model.avro.CancelAllOrders;
import dev.exchange.model.avro.CancelOrder;
import dev.exchange.model.avro.InstrumentStatus;
import dev.exchange.model.avro.NewOrder;
import dev.exchange.model.avro.OrderCommand;
import dev.exchange.model.avro.OrderRequest;
import dev.exchange.model.avro.OrderType;
import dev.exchange.model.avro.SelfTradePrevention;
import dev.exchange.model.avro.Side;
import dev.exchange.model.avro.TimeInForce;
import dev.exchange.service.assets.AssetCache;
import dev.exchange.service.instruments.InstrumentCache;
import dev.exchange.service.web.ApiException;
import dev.exchange.service.web.FieldProblem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Validates order requests against the live instrument (with the shared {@link OrderRules}) and
 * publishes them as the account's commands on {@code exchange.account-commands}, where the accounts
 * job holds the funds and forwards them to the matcher. Nothing that fails validation reaches
 * Kafka.
 */
@Service
class OrderService {

  private final InstrumentCache instruments;
  private final AssetCache assets;
  private final CommandPublisher publisher;
  private final Clock clock;
  private final Counter accepted;

  OrderService(
      InstrumentCache instruments,
      AssetCache assets,
      CommandPublisher publisher,
      Clock clock,
      MeterRegistry meters) {
    this.instruments = instruments;
    this.assets = assets;
    this.publisher = publisher;
    this.clock = clock;
    this.accepted =
        Counter.builder("exchange.orders.accepted")
            .description("New orders acknowledged by Kafka and answered 202")
            .register(meters);
  }

  /** A validated order: the account's command to publish and the 202 answer once Kafka has it. */
  record Prepared(AccountCommand command, OrderAccepted answer) {}

  /** Validates, publishes and waits for the acknowledgement. */
  OrderAccepted place(String account, PlaceOrderRequest request) {
    Prepared prepared = prepare(account, request);
    publisher.publish(prepared.command());
    accepted.increment();
    return prepared.answer();
  }

  /** Counts an order acknowledged by Kafka and answered 202 (the asynchronous path). */
  void countAccepted() {
    accepted.increment();
  }

  /**
   * Validates the request against the live instrument and builds the command.
   *
   * @throws ApiException 400 naming the first field at fault, nothing published
   */
  Prepared prepare(String account, PlaceOrderRequest request) {
    List<FieldProblem> errors = new ArrayList<>();
    String symbol = symbol(request.symbol(), errors);
    Side side = required(Side.class, "side", request.side(), errors);
    OrderType type = required(OrderType.class, "type", request.type(), errors);
    TimeInForce timeInForce =
        Enums.parse(TimeInForce.class, "timeInForce", request.timeInForce(), errors);
    SelfTradePrevention stp =
        Enums.parse(
            SelfTradePrevention.class,
            "selfTradePrevention",
            request.selfTradePrevention(),
            errors);
    if (request.clientOrderId() != null
        && !OrderRules.isValidClientOrderId(request.clientOrderId())) {
      errors.add(FieldProblem.of(RejectReason.CLIENT_ORDER_ID_INVALID));
    }
    if (!errors.isEmpty()) {
      throw ApiException.badRequest(errors);
    }
    InstrumentSpec spec = known(symbol);
    if (timeInForce == null) {
      timeInForce = type == OrderType.MARKET ? TimeInForce.IOC : TimeInForce.GTC;
    }
    if (spec.status() != InstrumentStatus.TRADING) {
      throw ApiException.rejected(
          OrderRules.check(spec, side, type, timeInForce, null, null, null));
    }
    Long price =
        amount(
            request.price(),
            spec.priceScale(),
            RejectReason.PRICE_TOO_MANY_DECIMALS,
            RejectReason.PRICE_MALFORMED,
            errors);
    Long quantity =
        amount(
            request.quantity(),
            spec.quantityScale(),
            RejectReason.QUANTITY_TOO_MANY_DECIMALS,
            RejectReason.QUANTITY_MALFORMED,
            errors);
    Long quoteQuantity =
        amount(
            request.quoteQuantity(),
            spec.notionalScale(),
            RejectReason.QUOTE_QUANTITY_TOO_MANY_DECIMALS,
            RejectReason.QUOTE_QUANTITY_MALFORMED,
            errors);
    if (!errors.isEmpty()) {
      throw ApiException.badRequest(errors);
    }
    RejectReason reason =
        OrderRules.check(spec, side, type, timeInForce, price, quantity, quoteQuantity);
    if (reason != null) {
      throw ApiException.rejected(HttpStatus.BAD_REQUEST, reason, explain(reason, spec));
    }
    long now = clock.millis();
    String orderId = Ids.uuidV7(now).toString();
    String clientOrderId = request.clientOrderId() != null ? request.clientOrderId() : orderId;
    NewOrder order =
        NewOrder.newBuilder()
            .setOrderId(orderId)
            .setClientOrderId(clientOrderId)
            .setSide(side)
            .setOrderType(type)
            .setTimeInForce(timeInForce)
            .setPrice(price)
            .setQuantity(quantity)
            .setQuoteQuantity(quoteQuantity)
            .setPriceScale(spec.priceScale())
            .setQuantityScale(spec.quantityScale())
            .setSelfTradePrevention(stp == null ? SelfTradePrevention.NONE : stp)
            .build();
    return new Prepared(
        request(Commands.envelope(symbol, account, now, order), spec),
        new OrderAccepted(orderId, clientOrderId, symbol, "PENDING_NEW", now));
  }

  CancelAccepted cancel(String account, String symbolText, String orderId, String clientOrderId) {
    AccountCommand command = prepareCancel(account, symbolText, orderId, clientOrderId);
    publisher.publish(command);
    OrderCommand cancel = ((OrderRequest) command.getPayload()).getCommand();
    return new CancelAccepted(cancel.getCommandId(), cancel.getSymbol(), "PENDING_CANCEL");
  }

  /**
   * Validates a cancel (one order by orderId or clientOrderId, or all of the account's on the
   * symbol when both are null) and builds its command, not yet published.
   */
  AccountCommand prepareCancel(
      String account, String symbolText, String orderId, String clientOrderId) {
    List<FieldProblem> errors = new ArrayList<>();
    String symbol = symbol(symbolText, errors);
    if (orderId != null && !isUuid(orderId)) {
      errors.add(
          new FieldProblem(
              "orderId", ErrorCodes.ORDER_ID_INVALID, "orderId must be a UUID as returned on 202"));
    }
    if (clientOrderId != null && !OrderRules.isValidClientOrderId(clientOrderId)) {
      errors.add(FieldProblem.of(RejectReason.CLIENT_ORDER_ID_INVALID));
    }
    if (!errors.isEmpty()) {
      throw ApiException.badRequest(errors);
    }
    InstrumentSpec spec = known(symbol);
    if (spec.status() == InstrumentStatus.DELISTED) {
      throw ApiException.rejected(RejectReason.SYMBOL_NOT_TRADING);
    }
    Object payload =
        orderId == null && clientOrderId == null
            ? new CancelAllOrders()
            : new CancelOrder(orderId, orderId == null ? clientOrderId : null);
    OrderCommand command = Commands.envelope(symbol, account, clock.millis(), payload);
    return request(command, spec);
  }

  /** The command wrapped for the accounts job, with the instrument's assets and their scales. */
  private AccountCommand request(OrderCommand command, InstrumentSpec spec) {
    return Commands.orderRequest(
        command,
        spec.baseAsset(),
        scale(spec.baseAsset(), spec.baseAssetScale(), spec.baseFeeScale()),
        spec.quoteAsset(),
        scale(spec.quoteAsset(), spec.quoteAssetScale(), spec.quoteFeeScale()));
  }

  /**
   * The asset's scale: as the instrument carries it; for an instrument listed before assets existed
   * (0), as the asset is listed, else the instrument's own scale for that side.
   */
  private int scale(String code, int listedWithInstrument, int instrumentScale) {
    if (listedWithInstrument > 0) {
      return listedWithInstrument;
    }
    Asset asset = assets.get(code);
    return asset != null ? asset.getScale() : instrumentScale;
  }

  private InstrumentSpec known(String symbol) {
    InstrumentSpec spec = instruments.get(symbol);
    if (spec == null && !instruments.caughtUp()) {
      // Just started and still reading the instruments: the symbol may well exist. Readiness is
      // down meanwhile, but a proxy without health checks sends orders all the same; a 400 would
      // tell the client not to retry an order that is fine.
      throw new ApiException(
          HttpStatus.SERVICE_UNAVAILABLE,
          List.of(
              new FieldProblem(
                  "symbol",
                  ErrorCodes.INSTRUMENTS_LOADING,
                  "edge-api is still reading the instruments after its start; retry shortly")),
          Duration.ofSeconds(1));
    }
    if (spec == null) {
      throw ApiException.rejected(
          HttpStatus.BAD_REQUEST, RejectReason.UNKNOWN_SYMBOL, "unknown symbol '" + symbol + "'");
    }
    return spec;
  }

  private static String symbol(String text, List<FieldProblem> errors) {
    if (text == null) {
      errors.add(new FieldProblem("symbol", ErrorCodes.FIELD_REQUIRED, "symbol is required"));
      return null;
    }
    String symbol = Symbols.normalize(text);
    if (!Symbols.isValid(symbol)) {
      errors.add(FieldProblem.of(RejectReason.INVALID_SYMBOL));
    }
    return symbol;
  }

  private static <E extends Enum<E>> E required(
      Class<E> type, String field, String text, List<FieldProblem> errors) {
    if (text == null) {
      errors.add(new FieldProblem(field, ErrorCodes.FIELD_REQUIRED, field + " is required"));
      return null;
    }
    return Enums.parse(type, field, text, errors);
  }

  private static Long amount(
      String text,
      int scale,
      RejectReason tooManyDecimals,
      RejectReason malformed,
      List<FieldProblem> errors) {
    if (text == null) {
      return null;
    }
    try {
      return FixedPoint.parse(text, scale);
    } catch (InvalidDecimalException e) {
      RejectReason reason =
          e.kind() == InvalidDecimalException.Kind.TOO_MANY_DECIMALS ? tooManyDecimals : malformed;
      errors.add(FieldProblem.of(reason, reason.field() + ": " + e.getMessage()));
      return null;
    }
  }

  private static String explain(RejectReason reason, InstrumentSpec spec) {
    String detail =
        switch (reason) {
          case PRICE_NOT_ON_TICK ->
              "tick size " + TrimmedDecimals.plain(spec.tickSize(), spec.priceScale());
          case QUANTITY_NOT_ON_STEP ->
              "step size " + TrimmedDecimals.plain(spec.stepSize(), spec.quantityScale());
          case QUANTITY_BELOW_MIN ->
              "minimum " + TrimmedDecimals.plain(spec.minQuantity(), spec.quantityScale());
          case QUANTITY_ABOVE_MAX ->
              "maximum " + TrimmedDecimals.plain(spec.maxQuantity(), spec.quantityScale());
          case NOTIONAL_BELOW_MIN ->
              "minimum notional " + TrimmedDecimals.plain(spec.minNotional(), spec.notionalScale());
          default -> null;
        };
    return detail == null ? reason.description() : reason.description() + " (" + detail + ")";
  }

  private static boolean isUuid(String text) {
    if (text.length() != 36) {
      return false;
    }
    try {
      return UUID.fromString(text).toString().equals(text.toLowerCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
