package dev.exchange.accounts.core;

import static dev.exchange.accounts.core.Accounts.cancel;
import static dev.exchange.accounts.core.Accounts.deposit;
import static dev.exchange.accounts.core.Accounts.fill;
import static dev.exchange.accounts.core.Accounts.filled;
import static dev.exchange.accounts.core.Accounts.limit;
import static dev.exchange.accounts.core.Accounts.market;
import static dev.exchange.accounts.core.Accounts.marketBuyByQuote;
import static dev.exchange.accounts.core.Accounts.report;
import static dev.exchange.accounts.core.Accounts.request;
import static dev.exchange.accounts.core.Accounts.settle;
import static dev.exchange.accounts.core.Accounts.withdrawal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.exchange.model.avro.AccountCommand;
import dev.exchange.model.avro.BalanceEvent;
import dev.exchange.model.avro.ExecutionType;
import dev.exchange.model.avro.LedgerEntryKind;
import dev.exchange.model.avro.NewOrder;
import dev.exchange.model.avro.OrderCommand;
import dev.exchange.model.avro.OrderRequest;
import dev.exchange.model.avro.OrderStatus;
import dev.exchange.model.avro.Side;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules of docs/accounts.md, one by one, on one account. */
class AccountEngineTest {

  private static final String ALICE = "alice";

  /** 64 000.00 USDT per BTC at price scale 2. */
  private static final long PRICE = 6_400_000;

  /** 0.01 BTC at quantity scale 5. */
  private static final long QUANTITY = 1_000;

  /** 640 USDT at scale 8: PRICE × QUANTITY at scale 7, times 10. */
  private static final long NOTIONAL = 640_00000000L;

  /** 0.01 BTC at scale 8. */
  private static final long BTC_001 = 1_000_000;

  private final AccountEngine engine = new AccountEngine();
  private final InMemoryAccountStorage storage = new InMemoryAccountStorage();
  private final CollectingAccountOutput out = new CollectingAccountOutput();

  private void apply(AccountCommand command) {
    engine.apply(command, storage, out);
  }

  private long[] balance(String asset) {
    Balance b = storage.balance(asset);
    return b == null ? new long[2] : new long[] {b.free, b.locked};
  }

  private static NewOrder payload(OrderCommand command) {
    return (NewOrder) command.getPayload();
  }

  @Test
  void forwardedCommandsAreNumberedPerAccountAndGaplessPerSymbol() {
    apply(deposit(ALICE, "d1", "USDT", 1000_00000000L));
    apply(request(ALICE, limit("o1", Side.BUY, PRICE, QUANTITY)));
    AccountCommand eth = request(ALICE, limit("o2", Side.BUY, PRICE, QUANTITY));
    ((dev.exchange.model.avro.OrderRequest) eth.getPayload()).getCommand().setSymbol("ETHUSDT");
    apply(eth);
    apply(cancel(ALICE, "o1"));

    assertThat(out.orders())
        .extracting(
            OrderCommand::getSymbol,
            OrderCommand::getAccountSequence,
            OrderCommand::getSymbolSequence)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("BTCUSDT", 1L, 1L),
            org.assertj.core.groups.Tuple.tuple("ETHUSDT", 2L, 1L),
            org.assertj.core.groups.Tuple.tuple("BTCUSDT", 3L, 2L));
  }

  @Test
  void aRejectReasonOrQuoteLimitThatARequestArrivesWithIsNotTheEnginesToKeep() {
    apply(deposit(ALICE, "d1", "USDT", 1000_00000000L));
    NewOrder buy = limit("o1", Side.BUY, PRICE, QUANTITY);
    buy.setRejectReason("INSUFFICIENT_BALANCE");
    buy.setQuoteLimit(1L);
    apply(request(ALICE, buy));

    assertThat(payload(out.orders().get(0)).getRejectReason()).isNull();
    assertThat(payload(out.orders().get(0)).getQuoteLimit()).isNull();
    assertThat(balance("USDT")).containsExactly(1000_00000000L - NOTIONAL, NOTIONAL);
  }

  @Test
  void aLimitBuyHoldsPriceTimesQuantityOfQuoteAndIsForwardedWithTheNextAccountSequence() {
    apply(deposit(ALICE, "d1", "USDT", 1000_00000000L));
    NewOrder buy = limit("o1", Side.BUY, PRICE, QUANTITY);
    apply(request(ALICE, buy));

    assertThat(out.orders()).hasSize(1);
    OrderCommand forwarded = out.orders().get(0);
    assertThat(forwarded.getAccountSequence()).isEqualTo(1);
    assertThat(payload(forwarded).getRejectReason()).isNull();
    assertThat(payload(forwarded).getQuoteLimit()).isNull();
    BalanceEvent hold = out.balances().get(1);
    assertThat(hold.getKind()).isEqualTo(LedgerEntryKind.HOLD);
    assertThat(hold.getSequence()).isEqualTo(2);
    assertThat(hold.getAsset()).isEqualTo("USDT");
    assertThat(hold.getFreeDelta()).isEqualTo(-NOTIONAL);
    assertThat(hold.getLockedDelta()).isEqualTo(NOTIONAL);
    assertThat(hold.getOrderId()).isEqualTo("o1");
    assertThat(balance("USDT")).containsExactly(1000_00000000L - NOTIONAL, NOTIONAL);
  }

  @Test
  void aSellHoldsItsQuantityOfBase() {
    apply(deposit(ALICE, "d1", "BTC", BTC_001 * 3));
    apply(request(ALICE, limit("o1", Side.SELL, PRICE, QUANTITY)));
    apply(request(ALICE, market("o2", Side.SELL, QUANTITY)));

    assertThat(balance("BTC")).containsExactly(BTC_001, 2 * BTC_001);
    assertThat(out.orders()).extracting(OrderCommand::getAccountSequence).containsExactly(1L, 2L);
  }

  @Test
  void anOrderWhoseHoldDoesNotFitIsForwardedPreRejectedWithoutLedgerEntry() {
    apply(deposit(ALICE, "d1", "USDT", NOTIONAL - 1));
    out.clear();
    apply(request(ALICE, limit("o1", Side.BUY, PRICE, QUANTITY)));
    apply(request(ALICE, limit("o2", Side.BUY, Long.MAX_VALUE, QUANTITY)));

    assertThat(out.orders())
        .extracting(c -> payload(c).getRejectReason())
        .containsExactly("INSUFFICIENT_BALANCE", "INSUFFICIENT_BALANCE");
    assertThat(out.orders()).extracting(OrderCommand::getAccountSequence).containsExactly(1L, 2L);
    assertThat(out.balances()).isEmpty();
    assertThat(balance("USDT")).containsExactly(NOTIONAL - 1, 0L);
    // The matcher's REJECTED report of a pre-rejected order settles nothing.
    apply(
        settle(
            report(
                    ALICE,
                    1,
                    limit("o1", Side.BUY, PRICE, QUANTITY),
                    ExecutionType.REJECTED,
                    OrderStatus.REJECTED)
                .build()));
    assertThat(out.balances()).isEmpty();
  }

  @Test
  void aRepeatedRequestOfAnOpenOrderIsNeitherHeldNorForwardedAgain() {
    apply(deposit(ALICE, "d1", "USDT", 2 * NOTIONAL));
    AccountCommand request = request(ALICE, limit("o1", Side.BUY, PRICE, QUANTITY));
    apply(request);
    apply(request);

    assertThat(out.orders()).hasSize(1);
    assertThat(balance("USDT")).containsExactly(NOTIONAL, NOTIONAL);
  }

  /**
   * A request for {@code order} under {@code clientOrderId}, accepted at the edge at {@code at}.
   */
  private static AccountCommand retry(NewOrder order, String clientOrderId, long at) {
    order.setClientOrderId(clientOrderId);
    AccountCommand command = request(ALICE, order);
    ((OrderRequest) command.getPayload()).getCommand().setTimestamp(at);
    return command;
  }

  @Test
  void aRetryUnderTheClientOrderIdOfAnOrderAcceptedWithinTheWindowIsRejectedAndHoldsNothing() {
    apply(deposit(ALICE, "d1", "USDT", 3 * NOTIONAL));
    long window = AccountEngine.CLIENT_ORDER_ID_WINDOW.toMillis();
    apply(retry(limit("o1", Side.BUY, PRICE, QUANTITY), "bot-1", 10_000));
    // The first order filled and is no longer open: its retry must still not execute again.
    apply(filled(ALICE, 1, 1, limit("o1", Side.BUY, PRICE, QUANTITY)));
    apply(retry(limit("o2", Side.BUY, PRICE, QUANTITY), "bot-1", 10_000 + window - 1));
    // After the window the same id is a new order.
    apply(retry(limit("o3", Side.BUY, PRICE, QUANTITY), "bot-1", 10_000 + window));

    assertThat(out.orders())
        .extracting(c -> payload(c).getOrderId() + " " + payload(c).getRejectReason())
        .containsExactly("o1 null", "o2 DUPLICATE_CLIENT_ORDER_ID", "o3 null");
    assertThat(balance("USDT")).containsExactly(NOTIONAL, NOTIONAL);
  }

  @Test
  void aRejectedOrderDoesNotKeepItsClientOrderIdAndAGeneratedIdIsNotRemembered() {
    apply(retry(limit("o1", Side.BUY, PRICE, QUANTITY), "bot-1", 10_000));
    apply(deposit(ALICE, "d1", "USDT", 2 * NOTIONAL));
    apply(retry(limit("o2", Side.BUY, PRICE, QUANTITY), "bot-1", 10_001));
    apply(retry(limit("o3", Side.BUY, PRICE, QUANTITY), "o3", 10_002));

    assertThat(out.orders())
        .extracting(c -> payload(c).getOrderId() + " " + payload(c).getRejectReason())
        .containsExactly("o1 INSUFFICIENT_BALANCE", "o2 null", "o3 null");
    assertThat(storage.clientOrderAccepted("BTCUSDT bot-1")).isEqualTo(10_001L);
    assertThat(storage.clientOrderAccepted("BTCUSDT o3")).isNull();
  }

  @Test
  void cancelsAreForwardedWithASequenceAndNoHold() {
    apply(request(ALICE, new dev.exchange.model.avro.CancelAllOrders()));
    apply(cancel(ALICE, "o9"));

    assertThat(out.orders()).extracting(OrderCommand::getAccountSequence).containsExactly(1L, 2L);
    assertThat(out.balances()).isEmpty();
  }

  @Test
  void aBuyerPaysFromLockedQuoteReceivesBaseAndPaysTheFeeFromWhatItReceived() {
    apply(deposit(ALICE, "d1", "USDT", NOTIONAL));
    NewOrder buy = limit("o1", Side.BUY, PRICE, QUANTITY);
    apply(request(ALICE, buy));
    out.clear();
    apply(settle(fill(ALICE, 5, buy, OrderStatus.FILLED, 7, PRICE, QUANTITY, 1_000)));

    List<BalanceEvent> entries = out.balances();
    assertThat(entries)
        .extracting(BalanceEvent::getKind)
        .containsExactly(LedgerEntryKind.TRADE, LedgerEntryKind.TRADE, LedgerEntryKind.FEE);
    assertThat(entries.get(0).getAsset()).isEqualTo("USDT");
    assertThat(entries.get(0).getLockedDelta()).isEqualTo(-NOTIONAL);
    assertThat(entries.get(1).getAsset()).isEqualTo("BTC");
    assertThat(entries.get(1).getFreeDelta()).isEqualTo(BTC_001);
    assertThat(entries.get(1).getTradeId()).isEqualTo(7L);
    assertThat(entries.get(2).getAsset()).isEqualTo("BTC");
    assertThat(entries.get(2).getFreeDelta()).isEqualTo(-1_000);
    assertThat(balance("USDT")).containsExactly(0L, 0L);
    assertThat(balance("BTC")).containsExactly(BTC_001 - 1_000, 0L);
    assertThat(storage.openOrders()).isEmpty();
  }

  @Test
  void aSellerPaysFromLockedBaseAndReceivesQuote() {
    apply(deposit(ALICE, "d1", "BTC", BTC_001));
    NewOrder sell = limit("o1", Side.SELL, PRICE, QUANTITY);
    apply(request(ALICE, sell));
    out.clear();
    apply(settle(fill(ALICE, 5, sell, OrderStatus.PARTIALLY_FILLED, 7, PRICE, QUANTITY / 2, 0)));

    assertThat(out.balances())
        .extracting(BalanceEvent::getKind)
        .containsExactly(LedgerEntryKind.TRADE, LedgerEntryKind.TRADE);
    assertThat(balance("BTC")).containsExactly(0L, BTC_001 / 2);
    assertThat(balance("USDT")).containsExactly(NOTIONAL / 2, 0L);
    assertThat(storage.openOrder("o1").remainingHold).isEqualTo(BTC_001 / 2);
  }

  @Test
  void aFilledBuyAtABetterPriceReleasesTheUnusedHold() {
    apply(deposit(ALICE, "d1", "USDT", NOTIONAL));
    NewOrder buy = limit("o1", Side.BUY, PRICE, QUANTITY);
    apply(request(ALICE, buy));
    out.clear();
    long better = PRICE - 100_000; // 63 000.00
    apply(settle(fill(ALICE, 5, buy, OrderStatus.FILLED, 7, better, QUANTITY, 0)));

    BalanceEvent release = out.balances().get(out.balances().size() - 1);
    assertThat(release.getKind()).isEqualTo(LedgerEntryKind.RELEASE);
    assertThat(release.getFreeDelta()).isEqualTo(10_00000000L);
    assertThat(release.getLockedDelta()).isEqualTo(-10_00000000L);
    assertThat(balance("USDT")).containsExactly(10_00000000L, 0L);
  }

  @Test
  void aCanceledOrExpiredOrderReleasesItsWholeHold() {
    apply(deposit(ALICE, "d1", "USDT", 2 * NOTIONAL));
    NewOrder first = limit("o1", Side.BUY, PRICE, QUANTITY);
    NewOrder second = limit("o2", Side.BUY, PRICE, QUANTITY);
    apply(request(ALICE, first));
    apply(request(ALICE, second));
    apply(settle(report(ALICE, 1, first, ExecutionType.NEW, OrderStatus.NEW).build()));
    assertThat(balance("USDT")).containsExactly(0L, 2 * NOTIONAL);
    apply(settle(report(ALICE, 2, first, ExecutionType.CANCELED, OrderStatus.CANCELED).build()));
    apply(settle(report(ALICE, 3, second, ExecutionType.EXPIRED, OrderStatus.EXPIRED).build()));

    assertThat(out.balances().subList(3, 5))
        .extracting(BalanceEvent::getKind, BalanceEvent::getOrderId, BalanceEvent::getFreeDelta)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(LedgerEntryKind.RELEASE, "o1", NOTIONAL),
            org.assertj.core.groups.Tuple.tuple(LedgerEntryKind.RELEASE, "o2", NOTIONAL));
    assertThat(balance("USDT")).containsExactly(2 * NOTIONAL, 0L);
    assertThat(storage.openOrders()).isEmpty();
  }

  @Test
  void aMarketBuyByQuantityHoldsAllFreeQuoteAsItsQuoteLimitAndReleasesTheRest() {
    apply(deposit(ALICE, "d1", "USDT", NOTIONAL + 7)); // 7 below the notional scale
    NewOrder buy = market("o1", Side.BUY, QUANTITY);
    apply(request(ALICE, buy));

    NewOrder forwarded = payload(out.orders().get(0));
    assertThat(forwarded.getRejectReason()).isNull();
    assertThat(forwarded.getQuoteLimit()).isEqualTo(NOTIONAL / 10);
    assertThat(balance("USDT")).containsExactly(7L, NOTIONAL);

    long price = PRICE / 2;
    apply(settle(fill(ALICE, 1, buy, OrderStatus.PARTIALLY_FILLED, 1, price, QUANTITY, 0)));
    apply(settle(report(ALICE, 2, buy, ExecutionType.EXPIRED, OrderStatus.EXPIRED).build()));
    assertThat(balance("USDT")).containsExactly(7L + NOTIONAL / 2, 0L);
    assertThat(balance("BTC")).containsExactly(BTC_001, 0L);
  }

  @Test
  void aMarketBuyByQuantityWithNoQuoteIsPreRejected() {
    apply(deposit(ALICE, "d1", "USDT", 9)); // below one unit at the notional scale
    out.clear();
    apply(request(ALICE, market("o1", Side.BUY, QUANTITY)));

    assertThat(payload(out.orders().get(0)).getRejectReason()).isEqualTo("INSUFFICIENT_BALANCE");
    assertThat(payload(out.orders().get(0)).getQuoteLimit()).isNull();
    assertThat(out.balances()).isEmpty();
  }

  @Test
  void aMarketBuyByQuoteHoldsThatAmount() {
    apply(deposit(ALICE, "d1", "USDT", NOTIONAL));
    apply(request(ALICE, marketBuyByQuote("o1", NOTIONAL / 20)));

    assertThat(balance("USDT")).containsExactly(NOTIONAL / 2, NOTIONAL / 2);
  }

  @Test
  void aRetriedTransferChangesNothingAndAnotherWithItsIdIsRefused() {
    apply(deposit(ALICE, "d1", "USDT", 100));
    apply(deposit(ALICE, "d1", "USDT", 100));
    apply(deposit(ALICE, "d1", "USDT", 200));

    assertThat(out.balances()).hasSize(2);
    assertThat(out.balances().get(0).getKind()).isEqualTo(LedgerEntryKind.DEPOSIT);
    assertThat(out.balances().get(0).getFreeDelta()).isEqualTo(100);
    BalanceEvent refused = out.balances().get(1);
    assertThat(refused.getRejectReason()).isEqualTo("DUPLICATE_TRANSFER_ID");
    assertThat(refused.getTransferId()).isEqualTo("d1");
    assertThat(refused.getFreeDelta()).isZero();
    assertThat(refused.getLockedDelta()).isZero();
    assertThat(refused.getSequence()).isEqualTo(2);
    assertThat(balance("USDT")).containsExactly(100L, 0L);
  }

  @Test
  void aWithdrawalTakesOnlyFreeFunds() {
    apply(deposit(ALICE, "d1", "USDT", NOTIONAL));
    apply(request(ALICE, limit("o1", Side.BUY, PRICE, QUANTITY / 2)));
    apply(withdrawal(ALICE, "w1", "USDT", NOTIONAL));
    apply(withdrawal(ALICE, "w2", "USDT", NOTIONAL / 2));

    BalanceEvent refused = out.balances().get(2);
    assertThat(refused.getKind()).isEqualTo(LedgerEntryKind.WITHDRAWAL);
    assertThat(refused.getRejectReason()).isEqualTo("INSUFFICIENT_BALANCE");
    assertThat(refused.getFreeDelta()).isZero();
    BalanceEvent taken = out.balances().get(3);
    assertThat(taken.getRejectReason()).isNull();
    assertThat(taken.getFreeDelta()).isEqualTo(-NOTIONAL / 2);
    assertThat(balance("USDT")).containsExactly(0L, NOTIONAL / 2);
  }

  @Test
  void aRepeatedExecutionReportIsIgnored() {
    apply(deposit(ALICE, "d1", "BTC", BTC_001));
    NewOrder sell = limit("o1", Side.SELL, PRICE, QUANTITY);
    apply(request(ALICE, sell));
    AccountCommand half =
        settle(fill(ALICE, 4, sell, OrderStatus.PARTIALLY_FILLED, 1, PRICE, QUANTITY / 2, 0));
    apply(half);
    out.clear();
    apply(half);
    apply(settle(report(ALICE, 3, sell, ExecutionType.NEW, OrderStatus.NEW).build()));

    assertThat(out.balances()).isEmpty();
    assertThat(balance("USDT")).containsExactly(NOTIONAL / 2, 0L);
  }

  @Test
  void aFillBeyondTheHoldIsABrokenContractNotANegativeBalance() {
    apply(deposit(ALICE, "d1", "BTC", BTC_001));
    NewOrder sell = limit("o1", Side.SELL, PRICE, QUANTITY);
    apply(request(ALICE, sell));

    assertThatThrownBy(
            () ->
                apply(settle(fill(ALICE, 1, sell, OrderStatus.FILLED, 1, PRICE, 2 * QUANTITY, 0))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("only " + BTC_001 + " is held");
  }

  @Test
  void theLedgerSequenceIsGaplessAndEachEntryCarriesTheBalanceAfter() {
    apply(deposit(ALICE, "d1", "USDT", NOTIONAL));
    NewOrder buy = limit("o1", Side.BUY, PRICE, QUANTITY);
    apply(request(ALICE, buy));
    apply(settle(fill(ALICE, 1, buy, OrderStatus.FILLED, 1, PRICE - 100, QUANTITY, 10)));

    assertThat(out.balances())
        .extracting(BalanceEvent::getSequence)
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(out.balances()).allSatisfy(e -> assertThat(e.getAccount()).isEqualTo(ALICE));
    BalanceEvent last = out.balances().get(5);
    assertThat(new long[] {last.getFree(), last.getLocked()}).containsExactly(balance("USDT"));
  }
}
