package dev.exchange.history.api;

import dev.exchange.history.rows.BalanceRow;
import dev.exchange.history.rows.FeeRow;
import dev.exchange.history.rows.LedgerRow;
import dev.exchange.history.system.PaddedDecimals;
import java.util.List;

/** Response bodies of the account endpoints: amounts as strings at the asset's scale. */
final class AccountViews {

  private AccountViews() {}

  record BalanceView(String asset, String free, String locked) {

    static BalanceView of(BalanceRow b) {
      return new BalanceView(
          b.asset(),
          PaddedDecimals.text(b.free(), b.assetScale()),
          PaddedDecimals.text(b.locked(), b.assetScale()));
    }
  }

  record AccountView(String account, List<BalanceView> balances) {}

  record LedgerEntryView(
      long sequence,
      long time,
      String kind,
      String asset,
      String freeDelta,
      String lockedDelta,
      String free,
      String locked,
      String symbol,
      String orderId,
      Long tradeId,
      String transferId,
      String rejectReason) {

    static LedgerEntryView of(LedgerRow r) {
      int scale = r.assetScale();
      return new LedgerEntryView(
          r.sequence(),
          r.time(),
          r.kind(),
          r.asset(),
          PaddedDecimals.text(r.freeDelta(), scale),
          PaddedDecimals.text(r.lockedDelta(), scale),
          PaddedDecimals.text(r.free(), scale),
          PaddedDecimals.text(r.locked(), scale),
          r.symbol(),
          r.orderId(),
          r.tradeId(),
          r.transferId(),
          r.rejectReason());
    }
  }

  record FeeView(String asset, String collected, long entries) {

    static FeeView of(FeeRow f) {
      return new FeeView(
          f.asset(), PaddedDecimals.text(f.collected(), f.assetScale()), f.entries());
    }
  }
}
