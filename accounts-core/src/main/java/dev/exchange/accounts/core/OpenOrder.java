package dev.exchange.accounts.core;

import dev.exchange.model.avro.Side;

/**
 * What the accounts engine remembers of an order it holds funds for, until the order's report says
 * it is done: where the hold is and how much of it is left, and the instrument's assets with their
 * scales (to settle its fills). A plain POJO for Flink's POJO serializer.
 */
public final class OpenOrder {
  public String symbol;
  public Side side;
  public String baseAsset;
  public int baseAssetScale;
  public String quoteAsset;
  public int quoteAssetScale;

  /** Hold left, in units of the held asset (quote for a buy, base for a sell). */
  public long remainingHold;

  public OpenOrder() {}

  public OpenOrder(
      String symbol,
      Side side,
      String baseAsset,
      int baseAssetScale,
      String quoteAsset,
      int quoteAssetScale,
      long remainingHold) {
    this.symbol = symbol;
    this.side = side;
    this.baseAsset = baseAsset;
    this.baseAssetScale = baseAssetScale;
    this.quoteAsset = quoteAsset;
    this.quoteAssetScale = quoteAssetScale;
    this.remainingHold = remainingHold;
  }

  /** The asset held: quote for a buy, base for a sell. */
  public String heldAsset() {
    return side == Side.BUY ? quoteAsset : baseAsset;
  }

  public int heldAssetScale() {
    return side == Side.BUY ? quoteAssetScale : baseAssetScale;
  }
}
