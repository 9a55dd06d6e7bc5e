package dev.exchange.relay.json;

import dev.exchange.model.avro.AlertFired;
import dev.exchange.model.avro.BalanceEvent;
import dev.exchange.model.avro.BookDelta;
import dev.exchange.model.avro.Candle;
import dev.exchange.model.avro.CommandRejection;
import dev.exchange.model.avro.OrderEvent;
import dev.exchange.model.avro.PriceLevel;
import dev.exchange.model.avro.Side;
import dev.exchange.model.avro.Ticker;
import dev.exchange.model.avro.Trade;
import dev.exchange.relay.book.RelayBook;
import java.util.List;

/**
 * Binance payloads (field names and order as {@code web-socket-streams.md} and the user-data stream
 * document them) from our records. Decimals are strings at the record's scales; {@code E} is the
 * Kafka record timestamp, i.e. when the event was published.
 */
public final class Payloads {

  private Payloads() {}

  /** {@code <s>@trade}. Binance's {@code m} (buyer is maker) is {@code takerSide == SELL}. */
  public static String trade(Trade t, long eventTime) {
    return JsonText.object(200)
        .str("e", "trade")
        .num("E", eventTime)
        .str("s", t.getSymbol())
        .num("t", t.getTradeId())
        .dec("p", t.getPrice(), t.getPriceScale())
        .dec("q", t.getQuantity(), t.getQuantityScale())
        .num("T", t.getTime())
        .bool("m", t.getTakerSide() == Side.SELL)
        .bool("M", true)
        .close();
  }

  /** {@code <s>@depth[@100ms]} from one delta. */
  public static String depthUpdate(BookDelta d, long eventTime) {
    JsonText json =
        JsonText.object(128 + 40 * (d.getBids().size() + d.getAsks().size()))
            .str("e", "depthUpdate")
            .num("E", eventTime)
            .str("s", d.getSymbol())
            .num("U", d.getFirstUpdateId())
            .num("u", d.getLastUpdateId());
    levels(json.open("b"), d.getBids(), d.getPriceScale(), d.getQuantityScale());
    levels(json.open("a"), d.getAsks(), d.getPriceScale(), d.getQuantityScale());
    return json.close();
  }

  /** {@code <s>@depth[@100ms]} covering a gap: the change from the last good book to a snapshot. */
  public static String depthUpdate(
      String symbol, RelayBook.Diff diff, int priceScale, int quantityScale, long eventTime) {
    JsonText json =
        JsonText.object(128 + 40 * (diff.bids().length + diff.asks().length))
            .str("e", "depthUpdate")
            .num("E", eventTime)
            .str("s", symbol)
            .num("U", diff.firstUpdateId())
            .num("u", diff.lastUpdateId());
    levels(json.open("b"), diff.bids(), priceScale, quantityScale);
    levels(json.open("a"), diff.asks(), priceScale, quantityScale);
    return json.close();
  }

  /**
   * {@code <s>@depth<n>} and the body of {@code /api/v3/depth}: {@code {lastUpdateId,bids,asks}}.
   */
  public static String partialDepth(RelayBook.Depth depth) {
    JsonText json =
        JsonText.object(64 + 40 * (depth.bids().length + depth.asks().length))
            .num("lastUpdateId", depth.lastUpdateId());
    levels(json.open("bids"), depth.bids(), depth.priceScale(), depth.quantityScale());
    levels(json.open("asks"), depth.asks(), depth.priceScale(), depth.quantityScale());
    return json.close();
  }

  /** {@code <s>@bookTicker}: {@code {u,s,b,B,a,A}}; an empty side is {@code "0"}. */
  public static String bookTicker(
      String symbol, long updateId, long[][] top, int priceScale, int quantityScale) {
    return JsonText.object(160)
        .num("u", updateId)
        .str("s", symbol)
        .dec("b", top[0] == null ? 0 : top[0][0], priceScale)
        .dec("B", top[0] == null ? 0 : top[0][1], quantityScale)
        .dec("a", top[1] == null ? 0 : top[1][0], priceScale)
        .dec("A", top[1] == null ? 0 : top[1][1], quantityScale)
        .close();
  }

  /** {@code <s>@kline_<i>}. */
  public static String kline(Candle c, long eventTime) {
    int ps = c.getPriceScale();
    int qs = c.getQuantityScale();
    JsonText k =
        JsonText.object(400)
            .num("t", c.getOpenTime())
            .num("T", c.getCloseTime())
            .str("s", c.getSymbol())
            .str("i", c.getInterval())
            .num("f", c.getTradeCount() == 0 ? -1 : c.getFirstTradeId())
            .num("L", c.getTradeCount() == 0 ? -1 : c.getLastTradeId())
            .dec("o", c.getOpen(), ps)
            .dec("c", c.getClose(), ps)
            .dec("h", c.getHigh(), ps)
            .dec("l", c.getLow(), ps)
            .dec("v", c.getVolume(), qs)
            .num("n", c.getTradeCount())
            .bool("x", c.getClosed())
            .dec("q", c.getQuoteVolume(), ps + qs)
            .dec("V", c.getTakerBuyVolume(), qs)
            .dec("Q", c.getTakerBuyQuoteVolume(), ps + qs)
            .str("B", "0");
    return JsonText.object(480)
        .str("e", "kline")
        .num("E", eventTime)
        .str("s", c.getSymbol())
        .rawValue("k", k.close())
        .close();
  }

  /**
   * {@code <s>@ticker} (and the elements of {@code !ticker@arr}). Best bid/ask come from the
   * relay's book; {@code Q} is the last trade's quantity when the relay saw that trade, else 0;
   * {@code x} (previous close) is the window's open, the closest price our ticker carries.
   */
  public static String ticker(Ticker t, long[][] top, long lastQuantity, long eventTime) {
    int ps = t.getPriceScale();
    int qs = t.getQuantityScale();
    return JsonText.object(520)
        .str("e", "24hrTicker")
        .num("E", eventTime)
        .str("s", t.getSymbol())
        .dec("p", t.getPriceChange(), ps)
        .dec("P", t.getPriceChangePercent(), 3)
        .dec("w", weightedAverage(t), ps)
        .dec("x", t.getOpen(), ps)
        .dec("c", t.getLast(), ps)
        .dec("Q", lastQuantity, qs)
        .dec("b", top == null || top[0] == null ? 0 : top[0][0], ps)
        .dec("B", top == null || top[0] == null ? 0 : top[0][1], qs)
        .dec("a", top == null || top[1] == null ? 0 : top[1][0], ps)
        .dec("A", top == null || top[1] == null ? 0 : top[1][1], qs)
        .dec("o", t.getOpen(), ps)
        .dec("h", t.getHigh(), ps)
        .dec("l", t.getLow(), ps)
        .dec("v", t.getVolume(), qs)
        .dec("q", t.getQuoteVolume(), ps + qs)
        .num("O", t.getOpenTime())
        .num("C", t.getCloseTime())
        .num("F", t.getTradeCount() == 0 ? -1 : t.getFirstTradeId())
        .num("L", t.getTradeCount() == 0 ? -1 : t.getLastTradeId())
        .num("n", t.getTradeCount())
        .close();
  }

  /**
   * quoteVolume / volume at the price scale, half up: quote volume has scale ps+qs and volume scale
   * qs, so the integer quotient is already in price units. 0 without volume.
   */
  public static long weightedAverage(Ticker t) {
    long volume = t.getVolume();
    if (volume <= 0) {
      return 0;
    }
    long quote = t.getQuoteVolume();
    long quotient = quote / volume;
    long remainder = quote % volume;
    return remainder >= volume - remainder ? quotient + 1 : quotient;
  }

  /**
   * The private {@code executionReport} (docs/frontend.md): {@code i} is our orderId (a UUID
   * string), {@code r} the reject reason code or {@code "NONE"}; {@code n} the commission of this
   * fill at its asset's scale and {@code N} that asset ({@code "0"} and null without a fee).
   */
  public static String executionReport(OrderEvent e) {
    int ps = e.getPriceScale();
    int qs = e.getQuantityScale();
    return JsonText.object(600)
        .str("e", "executionReport")
        .num("E", e.getTime())
        .str("s", e.getSymbol())
        .str("c", e.getClientOrderId())
        .str("S", e.getSide().name())
        .str("o", e.getOrderType().name())
        .str("f", e.getTimeInForce().name())
        .dec("q", e.getQuantity() == null ? 0 : e.getQuantity(), qs)
        .dec("p", e.getPrice() == null ? 0 : e.getPrice(), ps)
        .str("x", e.getExecutionType().name())
        .str("X", e.getStatus().name())
        .str("r", e.getRejectReason() == null ? "NONE" : e.getRejectReason())
        .str("i", e.getOrderId())
        .dec("l", e.getLastQuantity(), qs)
        .dec("z", e.getExecutedQuantity(), qs)
        .dec("L", e.getLastPrice(), ps)
        .dec("n", e.getCommission(), e.getCommissionScale())
        .str("N", e.getCommissionAsset())
        .num("T", e.getTime())
        .num("t", e.getTradeId() == null ? -1 : e.getTradeId())
        .bool("m", e.getMaker())
        .num("O", e.getCreatedTime())
        .dec("Z", e.getCumulativeQuote(), ps + qs)
        .dec("Y", e.getLastQuote(), ps + qs)
        .dec("Q", e.getQuoteQuantity() == null ? 0 : e.getQuoteQuantity(), ps + qs)
        .close();
  }

  /**
   * The private {@code cancelRejected} event: a cancel of an order that is not open, or not the
   * account's, with Binance's answer to such a cancel ({@code -2011 "Unknown order sent."}); {@code
   * i} and {@code c} as the cancel named the order (null for a cancel-all), {@code r} the reason.
   */
  public static String cancelRejected(CommandRejection r) {
    return JsonText.object(256)
        .str("e", "cancelRejected")
        .num("E", r.getTime())
        .str("s", r.getSymbol())
        .str("i", r.getOrderId())
        .str("c", r.getClientOrderId())
        .num("code", -2011)
        .str("msg", "Unknown order sent.")
        .str("r", r.getReasonCode())
        .close();
  }

  /**
   * The private {@code outboundAccountPosition}: the one asset a ledger entry changed, {@code f}
   * free and {@code l} locked after it at the asset's scale; {@code u} the time of its cause.
   */
  public static String accountPosition(BalanceEvent b, long eventTime) {
    JsonText asset =
        JsonText.object(96)
            .str("a", b.getAsset())
            .dec("f", b.getFree(), b.getAssetScale())
            .dec("l", b.getLocked(), b.getAssetScale());
    return JsonText.object(160)
        .str("e", "outboundAccountPosition")
        .num("E", eventTime)
        .num("u", b.getTime())
        .rawValue("B", "[" + asset.close() + "]")
        .close();
  }

  /**
   * Binance's {@code balanceUpdate} for a deposit or withdrawal: {@code a} asset, {@code d} the
   * change of {@code free} (negative for a withdrawal) at the asset's scale, {@code T} the time of
   * the transfer.
   */
  public static String balanceUpdate(BalanceEvent b, long eventTime) {
    return JsonText.object(128)
        .str("e", "balanceUpdate")
        .num("E", eventTime)
        .str("a", b.getAsset())
        .dec("d", b.getFreeDelta(), b.getAssetScale())
        .num("T", b.getTime())
        .close();
  }

  /** Binance's {@code listenKeyExpired}: the stream of {@code listenKey} ends. */
  public static String listenKeyExpired(String listenKey, long eventTime) {
    return JsonText.object(112)
        .str("e", "listenKeyExpired")
        .num("E", eventTime)
        .str("listenKey", listenKey)
        .close();
  }

  /** Binance's {@code eventStreamTerminated}: a WebSocket API user data subscription ended. */
  public static String eventStreamTerminated(long eventTime) {
    return JsonText.object(64).str("e", "eventStreamTerminated").num("E", eventTime).close();
  }

  /**
   * The private {@code alert} frame (docs/alerts.md): {@code a} alert id, {@code c} client alert
   * id, {@code s} symbol, {@code k} kind, {@code n} firing number, {@code p} the price that fired
   * it, {@code T} its time; by kind {@code L} level, {@code R} reference price, {@code P} change in
   * percent and {@code w} window minutes, or {@code i} order id, {@code X} order status and {@code
   * z} executed quantity.
   */
  public static String alert(AlertFired f, long eventTime) {
    int ps = f.getPriceScale();
    JsonText json =
        JsonText.object(320).str("e", "alert").num("E", eventTime).str("a", f.getAlertId());
    if (f.getClientAlertId() != null) {
      json.str("c", f.getClientAlertId());
    }
    json.str("s", f.getSymbol())
        .str("k", f.getKind().name())
        .num("n", f.getFiring())
        .dec("p", f.getPrice(), ps)
        .num("T", f.getTime());
    if (f.getLevel() != null) {
      json.dec("L", f.getLevel(), ps);
    }
    if (f.getReferencePrice() != null) {
      json.dec("R", f.getReferencePrice(), ps)
          .dec("P", f.getChangeBps(), 2)
          .num("w", f.getWindowMinutes());
    }
    if (f.getOrderId() != null) {
      json.str("i", f.getOrderId())
          .str("X", f.getOrderStatus().name())
          .dec("z", f.getExecutedQuantity(), f.getQuantityScale());
    }
    return json.close();
  }

  private static void levels(StringBuilder out, List<PriceLevel> levels, int ps, int qs) {
    out.append('[');
    for (int i = 0; i < levels.size(); i++) {
      PriceLevel level = levels.get(i);
      if (i > 0) {
        out.append(',');
      }
      level(out, level.getPrice(), level.getQuantity(), ps, qs);
    }
    out.append(']');
  }

  private static void levels(StringBuilder out, long[][] levels, int ps, int qs) {
    out.append('[');
    for (int i = 0; i < levels.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      level(out, levels[i][0], levels[i][1], ps, qs);
    }
    out.append(']');
  }

  private static void level(StringBuilder out, long price, long quantity, int ps, int qs) {
    out.append("[\"")
        .append(dev.exchange.model.FixedPoint.format(price, ps))
        .append("\",\"")
        .append(dev.exchange.model.FixedPoint.format(quantity, qs))
        .append("\"]");
  }
}
