package dev.exchange.edge.admin;

import dev.exchange.edge.errors.ErrorCodes;
import dev.exchange.edge.instruments.TrimmedDecimals;
import dev.exchange.edge.kafka.CommandPublisher;
import dev.exchange.edge.kafka.Commands;
import dev.exchange.model.FixedPoint;
import dev.exchange.model.InstrumentSpec;
import dev.exchange.model.InvalidDecimalException;
import dev.exchange.model.PriceBand;
import dev.exchange.model.RejectReason;
import dev.exchange.model.Symbols;
import dev.exchange.model.avro.Asset;
import dev.exchange.model.avro.DelistInstrument;
import dev.exchange.model.avro.HaltInstrument;
import dev.exchange.model.avro.InstrumentFilters;
import dev.exchange.model.avro.InstrumentStatus;
import dev.exchange.model.avro.ListInstrument;
import dev.exchange.model.avro.OrderCommand;
import dev.exchange.model.avro.ResumeInstrument;
import dev.exchange.model.avro.UpdateInstrument;
import dev.exchange.service.assets.AssetCache;
import dev.exchange.service.instruments.InstrumentCache;
import dev.exchange.service.web.ApiException;
import dev.exchange.service.web.FieldProblem;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Instrument commands. They travel in the symbol's own command stream; the matcher applies them and
 * publishes the result on {@code exchange.instruments}, which the edge's cache follows. The checks
 * here against the caches give early, clear answers (a pair needs its two assets listed, at scales
 * that hold its numbers exactly); the matcher stays the authority.
 */
@Service
class AdminService {

  /** Fee rate of a side when the listing does not give one, in basis points. */
  static final int DEFAULT_FEE_BPS = 10;

  private final InstrumentCache instruments;
  private final AssetCache assets;
  private final CommandPublisher publisher;
  private final Clock clock;

  AdminService(
      InstrumentCache instruments, AssetCache assets, CommandPublisher publisher, Clock clock) {
    this.instruments = instruments;
    this.assets = assets;
    this.publisher = publisher;
    this.clock = clock;
  }

  AdminAccepted list(String account, ListInstrumentRequest r) {
    List<FieldProblem> errors = new ArrayList<>();
    String symbol = Symbols.normalize(required("symbol", r.symbol(), errors));
    required("baseAsset", r.baseAsset(), errors);
    required("quoteAsset", r.quoteAsset(), errors);
    String tick = required("tickSize", r.tickSize(), errors);
    String step = required("stepSize", r.stepSize(), errors);
    required("minQuantity", r.minQuantity(), errors);
    required("maxQuantity", r.maxQuantity(), errors);
    required("minNotional", r.minNotional(), errors);
    if (r.maxOpenOrders() == null) {
      errors.add(required("maxOpenOrders"));
    }
    if (!errors.isEmpty()) {
      throw ApiException.badRequest(errors);
    }
    int priceScale = r.priceScale() != null ? r.priceScale() : TrimmedDecimals.places(tick);
    int quantityScale =
        r.quantityScale() != null ? r.quantityScale() : TrimmedDecimals.places(step);
    if (priceScale < 0 || priceScale > FixedPoint.MAX_SCALE) {
      throw invalid("priceScale", "priceScale must be 0..18");
    }
    if (quantityScale < 0 || quantityScale > FixedPoint.MAX_SCALE) {
      throw invalid("quantityScale", "quantityScale must be 0..18");
    }
    if (priceScale + quantityScale > FixedPoint.MAX_SCALE) {
      throw invalid(
          "priceScale", "priceScale + quantityScale must be at most 18 so notionals stay exact");
    }
    int makerFeeBps = fee("makerFeeBps", r.makerFeeBps(), DEFAULT_FEE_BPS);
    int takerFeeBps = fee("takerFeeBps", r.takerFeeBps(), DEFAULT_FEE_BPS);
    PriceBand band = band(r, PriceBand.DEFAULT);
    InstrumentFilters filters =
        filters(
            r.tickSize(),
            r.stepSize(),
            r.minQuantity(),
            r.maxQuantity(),
            r.minNotional(),
            r.maxOpenOrders(),
            priceScale,
            quantityScale,
            band);
    InstrumentSpec spec =
        spec(
            () ->
                new InstrumentSpec(
                    symbol,
                    r.baseAsset(),
                    r.quoteAsset(),
                    InstrumentStatus.TRADING,
                    priceScale,
                    quantityScale,
                    filters.getTickSize(),
                    filters.getStepSize(),
                    filters.getMinQuantity(),
                    filters.getMaxQuantity(),
                    filters.getMinNotional(),
                    filters.getMaxOpenOrders()));
    if (instruments.get(symbol) != null) {
      throw ApiException.rejected(
          HttpStatus.CONFLICT,
          RejectReason.INSTRUMENT_ALREADY_LISTED,
          "symbol '" + symbol + "' is already listed");
    }
    Asset base = listedAsset("baseAsset", spec.baseAsset());
    Asset quote = listedAsset("quoteAsset", spec.quoteAsset());
    if (base.getScale() < quantityScale) {
      throw scaleTooSmall(
          base, "quantityScale " + quantityScale + " (quantities of " + symbol + ")");
    }
    if (quote.getScale() < spec.notionalScale()) {
      throw scaleTooSmall(
          quote,
          "priceScale + quantityScale = "
              + spec.notionalScale()
              + " (notionals of "
              + symbol
              + ")");
    }
    return send(
        account,
        symbol,
        "LIST",
        new ListInstrument(
            spec.baseAsset(),
            spec.quoteAsset(),
            priceScale,
            quantityScale,
            filters,
            base.getScale(),
            quote.getScale(),
            makerFeeBps,
            takerFeeBps));
  }

  private Asset listedAsset(String field, String code) {
    Asset asset = assets.get(code);
    if (asset == null) {
      throw ApiException.badRequest(
          List.of(
              new FieldProblem(
                  field,
                  RejectReason.UNKNOWN_ASSET.name(),
                  field
                      + " '"
                      + code
                      + "' is not listed; list it with POST /api/v1/admin/assets")));
    }
    return asset;
  }

  private static ApiException scaleTooSmall(Asset asset, String needed) {
    return ApiException.rejected(
        HttpStatus.BAD_REQUEST,
        RejectReason.ASSET_SCALE_TOO_SMALL,
        "asset "
            + asset.getCode()
            + " has scale "
            + asset.getScale()
            + ", which cannot hold "
            + needed
            + " exactly");
  }

  /** A fee rate in basis points, or {@code absent} when not given; 0..1000. */
  private static Integer fee(String field, Integer bps, Integer absent) {
    if (bps == null) {
      return absent;
    }
    if (bps < 0 || bps > InstrumentSpec.MAX_FEE_BPS) {
      throw ApiException.badRequest(
          List.of(
              new FieldProblem(
                  field,
                  RejectReason.FEE_OUT_OF_RANGE.name(),
                  field + " must be 0 to 1000 basis points")));
    }
    return bps;
  }

  AdminAccepted update(String account, String symbolText, UpdateFiltersRequest r) {
    InstrumentSpec current =
        existing(symbolText, Set.of(InstrumentStatus.TRADING, InstrumentStatus.HALTED));
    List<FieldProblem> errors = new ArrayList<>();
    required("tickSize", r.tickSize(), errors);
    required("stepSize", r.stepSize(), errors);
    required("minQuantity", r.minQuantity(), errors);
    required("maxQuantity", r.maxQuantity(), errors);
    required("minNotional", r.minNotional(), errors);
    if (r.maxOpenOrders() == null) {
      errors.add(required("maxOpenOrders"));
    }
    if (!errors.isEmpty()) {
      throw ApiException.badRequest(errors);
    }
    PriceBand band = band(r, missingOnUpdate(current.priceBand()));
    InstrumentFilters filters =
        filters(
            r.tickSize(),
            r.stepSize(),
            r.minQuantity(),
            r.maxQuantity(),
            r.minNotional(),
            r.maxOpenOrders(),
            current.priceScale(),
            current.quantityScale(),
            band);
    spec(() -> current.withFilters(filters));
    Integer makerFeeBps = fee("makerFeeBps", r.makerFeeBps(), null);
    Integer takerFeeBps = fee("takerFeeBps", r.takerFeeBps(), null);
    return send(
        account,
        current.symbol(),
        "UPDATE",
        new UpdateInstrument(filters, makerFeeBps, takerFeeBps));
  }

  /**
   * The multipliers of a PUT that gives none: 0 (the matcher keeps the current one) where the
   * instrument has one, the default where it has none (a pair listed before the filter existed).
   */
  private static PriceBand missingOnUpdate(PriceBand current) {
    PriceBand d = PriceBand.DEFAULT;
    return new PriceBand(
        current.bidMultiplierUp() == 0 ? d.bidMultiplierUp() : 0,
        current.bidMultiplierDown() == 0 ? d.bidMultiplierDown() : 0,
        current.askMultiplierUp() == 0 ? d.askMultiplierUp() : 0,
        current.askMultiplierDown() == 0 ? d.askMultiplierDown() : 0);
  }

  /**
   * The percent price multipliers of a request: each given one parsed (at most 4 decimals) and
   * checked (down in (0, 1], up from 1 to 100000), each missing one {@code missing}'s.
   */
  private static PriceBand band(Multipliers r, PriceBand missing) {
    int bu = multiplier("bidMultiplierUp", r.bidMultiplierUp(), missing.bidMultiplierUp());
    int bd = multiplier("bidMultiplierDown", r.bidMultiplierDown(), missing.bidMultiplierDown());
    int au = multiplier("askMultiplierUp", r.askMultiplierUp(), missing.askMultiplierUp());
    int ad = multiplier("askMultiplierDown", r.askMultiplierDown(), missing.askMultiplierDown());
    try {
      return new PriceBand(bu, bd, au, ad);
    } catch (IllegalArgumentException e) {
      throw multiplierInvalid(e.getMessage().split(" ", 2)[0], e.getMessage());
    }
  }

  private static int multiplier(String field, String text, int missing) {
    if (text == null) {
      return missing;
    }
    int units;
    try {
      units = PriceBand.parseMultiplier(text);
    } catch (InvalidDecimalException e) {
      throw multiplierInvalid(field, field + ": " + e.getMessage());
    }
    if (units == 0) {
      throw multiplierInvalid(field, field + " must be greater than 0");
    }
    return units;
  }

  private static ApiException multiplierInvalid(String field, String message) {
    return ApiException.badRequest(
        List.of(new FieldProblem(field, RejectReason.PRICE_MULTIPLIER_INVALID.name(), message)));
  }

  AdminAccepted halt(String account, String symbol, String reason) {
    InstrumentSpec current = existing(symbol, Set.of(InstrumentStatus.TRADING));
    return send(account, current.symbol(), "HALT", new HaltInstrument(reason));
  }

  AdminAccepted resume(String account, String symbol, String reason) {
    InstrumentSpec current = existing(symbol, Set.of(InstrumentStatus.HALTED));
    return send(account, current.symbol(), "RESUME", new ResumeInstrument(reason));
  }

  AdminAccepted delist(String account, String symbol, String reason) {
    InstrumentSpec current =
        existing(symbol, Set.of(InstrumentStatus.TRADING, InstrumentStatus.HALTED));
    return send(account, current.symbol(), "DELIST", new DelistInstrument(reason));
  }

  private AdminAccepted send(String account, String symbol, String name, Object payload) {
    OrderCommand command = Commands.envelope(symbol, account, clock.millis(), payload);
    publisher.publish(command);
    return new AdminAccepted(command.getCommandId(), symbol, name, "PENDING");
  }

  private InstrumentSpec existing(String symbolText, Set<InstrumentStatus> allowed) {
    String symbol = Symbols.normalize(symbolText);
    InstrumentSpec spec = instruments.get(symbol);
    if (spec == null) {
      throw ApiException.rejected(
          HttpStatus.NOT_FOUND, RejectReason.UNKNOWN_SYMBOL, "unknown symbol '" + symbol + "'");
    }
    if (!allowed.contains(spec.status())) {
      throw ApiException.rejected(
          HttpStatus.CONFLICT,
          RejectReason.INSTRUMENT_TRANSITION,
          "the instrument is " + spec.status() + "; this command needs " + allowed);
    }
    return spec;
  }

  private static InstrumentFilters filters(
      String tick,
      String step,
      String minQuantity,
      String maxQuantity,
      String minNotional,
      int maxOpenOrders,
      int priceScale,
      int quantityScale,
      PriceBand band) {
    List<FieldProblem> errors = new ArrayList<>();
    long tickSize = amount("tickSize", tick, priceScale, errors);
    long stepSize = amount("stepSize", step, quantityScale, errors);
    long minQ = amount("minQuantity", minQuantity, quantityScale, errors);
    long maxQ = amount("maxQuantity", maxQuantity, quantityScale, errors);
    long minN = amount("minNotional", minNotional, priceScale + quantityScale, errors);
    if (!errors.isEmpty()) {
      throw ApiException.badRequest(errors);
    }
    return new InstrumentFilters(
        tickSize,
        stepSize,
        minQ,
        maxQ,
        minN,
        maxOpenOrders,
        band.bidMultiplierUp(),
        band.bidMultiplierDown(),
        band.askMultiplierUp(),
        band.askMultiplierDown());
  }

  private static long amount(String field, String text, int scale, List<FieldProblem> errors) {
    try {
      return FixedPoint.parse(text, scale);
    } catch (InvalidDecimalException e) {
      errors.add(
          new FieldProblem(
              field, RejectReason.INVALID_INSTRUMENT.name(), field + ": " + e.getMessage()));
      return 0;
    }
  }

  /** Builds a spec; the constructor's message names the offending field first. */
  private static InstrumentSpec spec(java.util.function.Supplier<InstrumentSpec> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      String message = e.getMessage();
      String first = message.split("[ ']", 2)[0];
      String field = first.isEmpty() ? "symbol" : first;
      throw invalid(field, message);
    }
  }

  private static ApiException invalid(String field, String message) {
    return ApiException.badRequest(
        List.of(new FieldProblem(field, RejectReason.INVALID_INSTRUMENT.name(), message)));
  }

  private static String required(String field, String value, List<FieldProblem> errors) {
    if (value == null) {
      errors.add(required(field));
    }
    return value;
  }

  private static FieldProblem required(String field) {
    return new FieldProblem(field, ErrorCodes.FIELD_REQUIRED, field + " is required");
  }
}
