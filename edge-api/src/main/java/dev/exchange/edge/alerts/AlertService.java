package dev.exchange.edge.alerts;

import dev.exchange.edge.errors.ErrorCodes;
import dev.exchange.edge.kafka.CommandPublisher;
import dev.exchange.edge.system.Enums;
import dev.exchange.edge.system.Ids;
import dev.exchange.model.AlertChecks;
import dev.exchange.model.FixedPoint;
import dev.exchange.model.InstrumentSpec;
import dev.exchange.model.InvalidDecimalException;
import dev.exchange.model.RejectReason;
import dev.exchange.model.avro.AlertAction;
import dev.exchange.model.avro.AlertCommand;
import dev.exchange.model.avro.AlertDefinition;
import dev.exchange.model.avro.AlertKind;
import dev.exchange.service.instruments.InstrumentCache;
import dev.exchange.service.web.ApiException;
import dev.exchange.service.web.FieldProblem;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Creates, lists, pauses, resumes and deletes an account's alerts (docs/alerts.md): checks a
 * definition against {@link AlertChecks} and the symbol's tick, the account's limit ({@link
 * AlertChecks#MAX_ALERTS_PER_ACCOUNT}) and idempotency by {@code clientAlertId} against {@link
 * AlertBook}, then publishes the command to {@code exchange.alert-commands} and answers once Kafka
 * acknowledged it. The alerts job takes it from there.
 */
@Service
class AlertService {

  private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,36}");
  private static final Map<String, Integer> WINDOWS = Map.of("5m", 5, "1h", 60, "24h", 1440);
  private static final String DEFAULT_HYSTERESIS_PERCENT = "0.1";

  private final AlertBook book;
  private final InstrumentCache instruments;
  private final CommandPublisher publisher;
  private final Clock clock;

  AlertService(
      AlertBook book, InstrumentCache instruments, CommandPublisher publisher, Clock clock) {
    this.book = book;
    this.instruments = instruments;
    this.publisher = publisher;
    this.clock = clock;
  }

  /** The created alert, and whether it is new (false: the one {@code clientAlertId} made). */
  record Created(AlertView alert, boolean isNew) {}

  List<AlertView> list(String account) {
    ready();
    return book.of(account).stream().map(AlertView::of).toList();
  }

  /** Serialized so that two creates of one account cannot both pass the limit. */
  synchronized Created create(String account, CreateAlertRequest r) {
    ready();
    List<FieldProblem> errors = new ArrayList<>();
    AlertKind kind =
        Enums.parse(AlertKind.class, "type", required("type", r.type(), errors), errors);
    String symbol = required("symbol", r.symbol(), errors);
    if (r.clientAlertId() != null && !CLIENT_ID.matcher(r.clientAlertId()).matches()) {
      errors.add(
          new FieldProblem(
              "clientAlertId",
              ErrorCodes.CLIENT_ALERT_ID_INVALID,
              "clientAlertId must be 1 to 36 of A-Z a-z 0-9 . _ : -"));
    }
    if (!errors.isEmpty()) {
      throw ApiException.badRequest(errors);
    }
    if (r.clientAlertId() != null) {
      AlertBook.Entry existing = book.byClientId(account, r.clientAlertId());
      if (existing != null) {
        return new Created(AlertView.of(existing), false);
      }
    }
    InstrumentSpec spec = instruments.get(symbol);
    if (spec == null) {
      throw ApiException.rejected(
          HttpStatus.BAD_REQUEST, RejectReason.UNKNOWN_SYMBOL, "unknown symbol '" + symbol + "'");
    }
    long now = clock.millis();
    AlertDefinition.Builder d =
        AlertDefinition.newBuilder()
            .setAlertId(Ids.uuidV7(now).toString())
            .setAccount(account)
            .setSymbol(symbol)
            .setClientAlertId(r.clientAlertId())
            .setKind(kind)
            .setPriceScale(spec.priceScale())
            .setHysteresisBps(
                percentBps(
                    "hysteresisPercent",
                    r.hysteresisPercent() == null
                        ? DEFAULT_HYSTERESIS_PERCENT
                        : r.hysteresisPercent()))
            .setPartialFills(Boolean.TRUE.equals(r.partialFills()))
            .setWebhookUrl(r.webhookUrl())
            .setEmail(r.email())
            .setCreatedTime(now);
    switch (kind) {
      case PRICE_ABOVE, PRICE_BELOW -> d.setLevel(level(spec, required("price", r.price())));
      case PERCENT_CHANGE -> {
        d.setThresholdBps(percentBps("percent", required("percent", r.percent())));
        Integer window = WINDOWS.get(required("window", r.window()));
        if (window == null) {
          throw ApiException.badRequest(
              ErrorCodes.UNKNOWN_FIELD_VALUE, "window", "window must be one of 5m, 1h, 24h");
        }
        d.setWindowMinutes(window);
      }
      case ORDER_FILLED -> {}
    }
    AlertDefinition definition = d.build();
    String problem = AlertChecks.problem(definition);
    if (problem != null) {
      String field = problem.substring(0, problem.indexOf(':'));
      throw ApiException.badRequest(ErrorCodes.ALERT_INVALID, field, problem);
    }
    if (book.count(account) >= AlertChecks.MAX_ALERTS_PER_ACCOUNT) {
      throw ApiException.of(
          HttpStatus.CONFLICT,
          ErrorCodes.ALERT_LIMIT,
          null,
          "an account may hold "
              + AlertChecks.MAX_ALERTS_PER_ACCOUNT
              + " alerts; delete one before creating another");
    }
    AlertBook.Entry entry = send(AlertAction.CREATE, definition);
    return new Created(AlertView.of(entry), true);
  }

  AlertView pause(String account, String alertId) {
    return AlertView.of(send(AlertAction.PAUSE, owned(account, alertId).definition()));
  }

  AlertView resume(String account, String alertId) {
    return AlertView.of(send(AlertAction.RESUME, owned(account, alertId).definition()));
  }

  void delete(String account, String alertId) {
    send(AlertAction.DELETE, owned(account, alertId).definition());
  }

  static String windowName(int minutes) {
    return WINDOWS.entrySet().stream()
        .filter(e -> e.getValue() == minutes)
        .map(Map.Entry::getKey)
        .findFirst()
        .orElseThrow();
  }

  /** The account's alert {@code alertId}; 404 ALERT_NOT_FOUND when it has none of that id. */
  AlertBook.Entry owned(String account, String alertId) {
    ready();
    AlertBook.Entry entry = book.get(account, alertId);
    if (entry == null) {
      throw ApiException.of(
          HttpStatus.NOT_FOUND, ErrorCodes.ALERT_NOT_FOUND, null, "no alert " + alertId);
    }
    return entry;
  }

  private AlertBook.Entry send(AlertAction action, AlertDefinition definition) {
    long now = clock.millis();
    AlertCommand command = new AlertCommand(Ids.uuidV7(now).toString(), action, definition, now);
    publisher.publish(command);
    book.apply(command);
    return action == AlertAction.DELETE
        ? null
        : book.get(definition.getAccount(), definition.getAlertId());
  }

  private void ready() {
    if (!book.caughtUp()) {
      throw new ApiException(
          HttpStatus.SERVICE_UNAVAILABLE,
          List.of(
              new FieldProblem(
                  null,
                  ErrorCodes.ALERTS_LOADING,
                  "edge-api is still reading the alerts after its start; retry shortly")),
          Duration.ofSeconds(1));
    }
  }

  private static long level(InstrumentSpec spec, String text) {
    long level;
    try {
      level = FixedPoint.parse(text, spec.priceScale());
    } catch (InvalidDecimalException e) {
      throw ApiException.rejected(
          e.kind() == InvalidDecimalException.Kind.TOO_MANY_DECIMALS
              ? RejectReason.PRICE_TOO_MANY_DECIMALS
              : RejectReason.PRICE_MALFORMED);
    }
    if (level <= 0) {
      throw ApiException.rejected(RejectReason.PRICE_NOT_POSITIVE);
    }
    if (level % spec.tickSize() != 0) {
      throw ApiException.rejected(
          HttpStatus.BAD_REQUEST,
          RejectReason.PRICE_NOT_ON_TICK,
          "price is not a multiple of the tick size "
              + FixedPoint.format(spec.tickSize(), spec.priceScale())
              + " of "
              + spec.symbol());
    }
    return level;
  }

  /** A percentage with up to two decimals, in basis points. */
  private static long percentBps(String field, String text) {
    try {
      long bps = FixedPoint.parse(text, 2);
      if (bps < 0) {
        throw ApiException.badRequest(
            ErrorCodes.ALERT_INVALID, field, field + " must not be negative");
      }
      return bps;
    } catch (InvalidDecimalException e) {
      throw ApiException.badRequest(
          ErrorCodes.ALERT_INVALID, field, field + " must be a percentage with up to 2 decimals");
    }
  }

  private static String required(String field, String value) {
    if (value == null) {
      throw ApiException.badRequest(ErrorCodes.FIELD_REQUIRED, field, field + " is required");
    }
    return value;
  }

  private static String required(String field, String value, List<FieldProblem> errors) {
    if (value == null) {
      errors.add(new FieldProblem(field, ErrorCodes.FIELD_REQUIRED, field + " is required"));
    }
    return value;
  }
}
