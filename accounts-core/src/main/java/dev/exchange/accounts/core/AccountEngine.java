package dev.exchange.accounts.core;

import dev.exchange.model.FixedPoint;
import dev.exchange.model.InvalidDecimalException;
import dev.exchange.model.RejectReason;
import dev.exchange.model.avro.AccountCommand;
import dev.exchange.model.avro.BalanceEvent;
import dev.exchange.model.avro.ExecutionType;
import dev.exchange.model.avro.LedgerEntryKind;
import dev.exchange.model.avro.NewOrder;
import dev.exchange.model.avro.OrderCommand;
import dev.exchange.model.avro.OrderEvent;
import dev.exchange.model.avro.OrderRequest;
import dev.exchange.model.avro.OrderType;
import dev.exchange.model.avro.Side;
import dev.exchange.model.avro.Transfer;
import dev.exchange.model.avro.TransferKind;
import java.time.Duration;

/**
 * Applies one {@link AccountCommand} to its account's state (docs/accounts.md, "Rules"): holds
 * funds for a new order and forwards it (or forwards it pre-rejected), forwards cancels, applies
 * transfers idempotently by transferId, and settles the account's own execution reports (TRADE and
 * FEE entries, RELEASE of what is left of the hold when the order is done).
 *
 * <p>The outputs are a pure function of the state and the command: applying the same log to the
 * same state yields byte-identical records with the same sequences. Forwarded order commands carry
 * the account's next {@code accountSequence} (1, 2, ...) and the account's next {@code
 * symbolSequence} on the command's symbol (gapless per symbol, so the matcher can put them back in
 * order, docs/accounts.md "Ordering"); ledger entries the account's next ledger sequence (gapless
 * from 1). Amounts are exact: a balance never goes negative, overflow throws {@link
 * ArithmeticException}, and an execution report that would take more than is held throws {@link
 * IllegalStateException} (a broken contract with the matcher, not bad input).
 *
 * <p>Stateless and thread-safe: all state is in the {@link AccountStorage}. The engine takes the
 * command it is given: a forwarded order command is the request's own, with its account sequence
 * (and, for a new order, its reject reason and quote limit) set.
 */
public final class AccountEngine {

  /**
   * How long an accepted order's clientOrderId refuses another new order with the same id on the
   * same symbol, by the edge's acceptance times (docs/accounts.md, "Retries"): a client that
   * retries after a 503 whose write did land gets its retry rejected instead of a second execution.
   */
  public static final Duration CLIENT_ORDER_ID_WINDOW = Duration.ofHours(1);

  private static final long CLIENT_ORDER_ID_WINDOW_MS = CLIENT_ORDER_ID_WINDOW.toMillis();

  /** Applies {@code command} to the state of its account in {@code storage}. */
  public void apply(AccountCommand command, AccountStorage storage, AccountOutput out) {
    String account = command.getAccount();
    Object payload = command.getPayload();
    if (payload instanceof OrderRequest request) {
      order(account, request, storage, out);
    } else if (payload instanceof Transfer transfer) {
      transfer(account, transfer, storage, out);
    } else if (payload instanceof OrderEvent report) {
      settle(account, report, storage, out);
    } else {
      throw new IllegalArgumentException("unknown account command payload " + payload);
    }
  }

  private void order(
      String account, OrderRequest request, AccountStorage storage, AccountOutput out) {
    if (request.getCommand().getPayload() instanceof NewOrder order
        && storage.openOrder(order.getOrderId()) != null) {
      // A repeat of a request already applied (a producer retry upstream): holding again would
      // lock funds that no order ever releases.
      return;
    }
    OrderCommand command = request.getCommand();
    long sequence = Math.addExact(storage.accountSequence(), 1);
    storage.putAccountSequence(sequence);
    command.setAccountSequence(sequence);
    long symbolSequence = Math.addExact(storage.symbolSequence(command.getSymbol()), 1);
    storage.putSymbolSequence(command.getSymbol(), symbolSequence);
    command.setSymbolSequence(symbolSequence);
    if (command.getPayload() instanceof NewOrder order) {
      // Only this engine says whether an order is affordable: whatever the request carried goes.
      order.setRejectReason(null);
      order.setQuoteLimit(null);
      String clientOrderKey = clientOrderKey(command.getSymbol(), order);
      Long previous = clientOrderKey == null ? null : storage.clientOrderAccepted(clientOrderKey);
      if (previous != null && command.getTimestamp() - previous < CLIENT_ORDER_ID_WINDOW_MS) {
        order.setRejectReason(RejectReason.DUPLICATE_CLIENT_ORDER_ID.name());
      } else {
        hold(account, command, order, request, storage, out);
        if (clientOrderKey != null && order.getRejectReason() == null) {
          storage.putClientOrderAccepted(clientOrderKey, command.getTimestamp());
        }
      }
    }
    out.order(command);
  }

  /**
   * The key under which a new order's clientOrderId is remembered: symbol and id, as the matcher
   * scopes open orders' ids. Null when the client gave none (the edge then uses the generated
   * orderId, unique by construction).
   */
  static String clientOrderKey(String symbol, NewOrder order) {
    String id = order.getClientOrderId();
    return id.equals(order.getOrderId()) ? null : symbol + " " + id;
  }

  /**
   * Holds the order's funds, or marks it pre-rejected: a hold that does not fit in free (or does
   * not fit in a long at all) is INSUFFICIENT_BALANCE; one whose amount the asset's scale cannot
   * hold exactly is SCALE_MISMATCH (the listing rules prevent it, docs/accounts.md, "Units").
   */
  private void hold(
      String account,
      OrderCommand command,
      NewOrder order,
      OrderRequest request,
      AccountStorage storage,
      AccountOutput out) {
    boolean buy = order.getSide() == Side.BUY;
    int baseScale = scaleOf(storage, request.getBaseAsset(), request.getBaseAssetScale());
    int quoteScale = scaleOf(storage, request.getQuoteAsset(), request.getQuoteAssetScale());
    String asset = buy ? request.getQuoteAsset() : request.getBaseAsset();
    int scale = buy ? quoteScale : baseScale;
    Balance balance = balance(storage, asset, scale);
    int notionalScale = order.getPriceScale() + order.getQuantityScale();
    long hold;
    try {
      if (!buy) {
        hold = FixedPoint.rescale(order.getQuantity(), order.getQuantityScale(), scale);
      } else if (order.getOrderType() != OrderType.MARKET) {
        hold =
            FixedPoint.rescale(
                Math.multiplyExact(order.getPrice(), order.getQuantity()), notionalScale, scale);
      } else if (order.getQuoteQuantity() != null) {
        hold = FixedPoint.rescale(order.getQuoteQuantity(), notionalScale, scale);
      } else {
        long quoteLimit = floorRescale(balance.free, scale, notionalScale);
        hold = FixedPoint.rescale(quoteLimit, notionalScale, scale);
        if (hold == 0) {
          order.setRejectReason(RejectReason.INSUFFICIENT_BALANCE.name());
          return;
        }
        order.setQuoteLimit(quoteLimit);
      }
    } catch (InvalidDecimalException e) {
      order.setRejectReason(
          e.kind() == InvalidDecimalException.Kind.OVERFLOW
              ? RejectReason.INSUFFICIENT_BALANCE.name()
              : RejectReason.SCALE_MISMATCH.name());
      return;
    } catch (ArithmeticException e) {
      order.setRejectReason(RejectReason.INSUFFICIENT_BALANCE.name());
      return;
    }
    if (hold > balance.free) {
      order.setRejectReason(RejectReason.INSUFFICIENT_BALANCE.name());
      return;
    }
    storage.putOpenOrder(
        order.getOrderId(),
        new OpenOrder(
            command.getSymbol(),
            order.getSide(),
            request.getBaseAsset(),
            baseScale,
            request.getQuoteAsset(),
            quoteScale,
            hold));
    if (hold > 0) {
      Entry entry = entry(account, command.getTimestamp(), LedgerEntryKind.HOLD, asset);
      entry.symbol = command.getSymbol();
      entry.orderId = order.getOrderId();
      change(storage, out, entry, balance, -hold, hold);
    }
  }

  /** {@code units} at {@code toScale}, dropping digits the target scale cannot hold. */
  private static long floorRescale(long units, int fromScale, int toScale) {
    if (toScale >= fromScale) {
      return FixedPoint.rescale(units, fromScale, toScale);
    }
    return units / FixedPoint.pow10(fromScale - toScale);
  }

  private void transfer(
      String account, Transfer transfer, AccountStorage storage, AccountOutput out) {
    String content = content(transfer);
    String previous = storage.transfer(transfer.getTransferId());
    boolean deposit = transfer.getKind() == TransferKind.DEPOSIT;
    Entry entry =
        entry(
            account,
            transfer.getTimestamp(),
            deposit ? LedgerEntryKind.DEPOSIT : LedgerEntryKind.WITHDRAWAL,
            transfer.getAsset());
    entry.transferId = transfer.getTransferId();
    if (previous != null) {
      if (!previous.equals(content)) {
        entry.rejectReason = RejectReason.DUPLICATE_TRANSFER_ID.name();
        Balance balance = balance(storage, transfer.getAsset(), transfer.getAssetScale());
        change(storage, out, entry, balance, 0, 0);
      }
      return;
    }
    Balance balance = balance(storage, transfer.getAsset(), transfer.getAssetScale());
    long amount = FixedPoint.rescale(transfer.getAmount(), transfer.getAssetScale(), balance.scale);
    storage.putTransfer(transfer.getTransferId(), content);
    if (deposit) {
      change(storage, out, entry, balance, amount, 0);
    } else if (amount > balance.free) {
      entry.rejectReason = RejectReason.INSUFFICIENT_BALANCE.name();
      change(storage, out, entry, balance, 0, 0);
    } else {
      change(storage, out, entry, balance, -amount, 0);
    }
  }

  /** What makes two transfers with one id the same transfer (the accept time does not). */
  private static String content(Transfer t) {
    return t.getKind() + " " + t.getAmount() + " " + t.getAsset() + " @" + t.getAssetScale();
  }

  private void settle(
      String account, OrderEvent report, AccountStorage storage, AccountOutput out) {
    String symbol = report.getSymbol();
    if (report.getSequence() <= storage.lastEventSequence(symbol)) {
      return;
    }
    storage.putLastEventSequence(symbol, report.getSequence());
    OpenOrder order = storage.openOrder(report.getOrderId());
    if (order == null) {
      // Pre-rejected, or placed before the account held funds for it: nothing to settle.
      return;
    }
    if (report.getExecutionType() == ExecutionType.TRADE) {
      trade(account, report, order, storage, out);
    }
    if (isFinal(report)) {
      storage.removeOpenOrder(report.getOrderId());
      if (order.remainingHold > 0) {
        Entry entry = entry(account, report.getTime(), LedgerEntryKind.RELEASE, order.heldAsset());
        entry.symbol = symbol;
        entry.orderId = report.getOrderId();
        Balance held = balance(storage, order.heldAsset(), order.heldAssetScale());
        change(storage, out, entry, held, order.remainingHold, -order.remainingHold);
      }
    } else {
      storage.putOpenOrder(report.getOrderId(), order);
    }
  }

  private void trade(
      String account,
      OrderEvent report,
      OpenOrder order,
      AccountStorage storage,
      AccountOutput out) {
    int notionalScale = report.getPriceScale() + report.getQuantityScale();
    long base =
        FixedPoint.rescale(
            report.getLastQuantity(), report.getQuantityScale(), order.baseAssetScale);
    long quote = FixedPoint.rescale(report.getLastQuote(), notionalScale, order.quoteAssetScale);
    boolean buy = order.side == Side.BUY;
    long paid = buy ? quote : base;
    if (paid > order.remainingHold) {
      throw new IllegalStateException(
          "fill "
              + report.getSymbol()
              + "#"
              + report.getTradeId()
              + " of order "
              + report.getOrderId()
              + " pays "
              + paid
              + " but only "
              + order.remainingHold
              + " is held");
    }
    order.remainingHold -= paid;
    String paidAsset = buy ? order.quoteAsset : order.baseAsset;
    int paidScale = buy ? order.quoteAssetScale : order.baseAssetScale;
    String receivedAsset = buy ? order.baseAsset : order.quoteAsset;
    int receivedScale = buy ? order.baseAssetScale : order.quoteAssetScale;
    long received = buy ? base : quote;

    Entry pay = tradeEntry(account, report, LedgerEntryKind.TRADE, paidAsset);
    change(storage, out, pay, balance(storage, paidAsset, paidScale), 0, -paid);
    Entry receive = tradeEntry(account, report, LedgerEntryKind.TRADE, receivedAsset);
    Balance receiving = balance(storage, receivedAsset, receivedScale);
    change(storage, out, receive, receiving, received, 0);

    if (report.getCommission() > 0) {
      String feeAsset =
          report.getCommissionAsset() == null ? receivedAsset : report.getCommissionAsset();
      Balance feeBalance =
          feeAsset.equals(receivedAsset)
              ? receiving
              : balance(storage, feeAsset, report.getCommissionScale());
      long fee =
          FixedPoint.rescale(report.getCommission(), report.getCommissionScale(), feeBalance.scale);
      Entry entry = tradeEntry(account, report, LedgerEntryKind.FEE, feeAsset);
      change(storage, out, entry, feeBalance, -fee, 0);
    }
  }

  private static boolean isFinal(OrderEvent report) {
    return switch (report.getStatus()) {
      case FILLED, CANCELED, EXPIRED, EXPIRED_IN_MATCH, REJECTED -> true;
      case NEW, PARTIALLY_FILLED -> false;
    };
  }

  /**
   * The account's balance of {@code asset}, created empty at {@code scale} when it has none. An
   * asset keeps the scale it was first seen with (assets never change scale once listed); amounts
   * at another scale are rescaled exactly or refused by {@link FixedPoint#rescale}.
   */
  private static Balance balance(AccountStorage storage, String asset, int scale) {
    Balance balance = storage.balance(asset);
    return balance != null ? balance : new Balance(scale, 0, 0);
  }

  /** The scale the account keeps {@code asset} at: the first one seen, else {@code given}. */
  private static int scaleOf(AccountStorage storage, String asset, int given) {
    Balance balance = storage.balance(asset);
    return balance != null ? balance.scale : given;
  }

  private static Entry entry(String account, long time, LedgerEntryKind kind, String asset) {
    Entry e = new Entry();
    e.account = account;
    e.time = time;
    e.kind = kind;
    e.asset = asset;
    return e;
  }

  private static Entry tradeEntry(
      String account, OrderEvent report, LedgerEntryKind kind, String asset) {
    Entry e = entry(account, report.getTime(), kind, asset);
    e.symbol = report.getSymbol();
    e.orderId = report.getOrderId();
    e.tradeId = report.getTradeId();
    return e;
  }

  /**
   * Applies the deltas to {@code balance} (refusing a negative result), stores it and writes the
   * ledger entry with the account's next sequence.
   */
  private static void change(
      AccountStorage storage,
      AccountOutput out,
      Entry entry,
      Balance balance,
      long freeDelta,
      long lockedDelta) {
    long free = Math.addExact(balance.free, freeDelta);
    long locked = Math.addExact(balance.locked, lockedDelta);
    if (free < 0 || locked < 0) {
      throw new IllegalStateException(
          entry.kind
              + " of "
              + entry.asset
              + " for "
              + entry.account
              + " would leave free "
              + free
              + ", locked "
              + locked);
    }
    balance.free = free;
    balance.locked = locked;
    storage.putBalance(entry.asset, balance);
    long sequence = Math.addExact(storage.ledgerSequence(), 1);
    storage.putLedgerSequence(sequence);
    // The all-args constructor: Avro's builder validates and deep-copies every field, which was
    // half of the engine's allocation per command (docs/benchmarks.md, "Accounts engine").
    out.balance(
        new BalanceEvent(
            entry.account,
            sequence,
            entry.time,
            entry.kind,
            entry.asset,
            balance.scale,
            freeDelta,
            lockedDelta,
            free,
            locked,
            entry.symbol,
            entry.orderId,
            entry.tradeId,
            entry.transferId,
            entry.rejectReason));
  }

  /** The cause of a ledger entry, gathered before its amounts. */
  private static final class Entry {
    String account;
    long time;
    LedgerEntryKind kind;
    String asset;
    String symbol;
    String orderId;
    Long tradeId;
    String transferId;
    String rejectReason;
  }
}
