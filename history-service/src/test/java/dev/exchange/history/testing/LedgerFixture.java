package dev.exchange.history.testing;

import java.math.BigDecimal;

/**
 * A ledger entry of a test account (a BalanceEvent as the history job stores it): amounts in units
 * of {@code 10^-assetScale}, the balance after it, and its cause.
 */
public record LedgerFixture(
    String account,
    long sequence,
    long time,
    String kind,
    String asset,
    int assetScale,
    long freeDelta,
    long lockedDelta,
    long free,
    long locked,
    String symbol,
    String orderId,
    Long tradeId,
    String transferId,
    String rejectReason) {

  public BigDecimal decimal(long units) {
    return BigDecimal.valueOf(units, assetScale);
  }
}
