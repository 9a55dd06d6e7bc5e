package dev.exchange.matching.core;

import dev.exchange.model.InstrumentSpec;
import dev.exchange.model.avro.OrderCommand;
import dev.exchange.model.avro.Side;
import java.util.List;

/**
 * The matching engine of one symbol: applies commands from the symbol's command stream, in order,
 * and reports every consequence to an {@link Output}. Implementations must be deterministic: the
 * output is a pure function of the state and the command (no clock, no randomness, no iteration
 * over unordered collections), so a replay after a failure emits byte-identical records.
 *
 * <h2>Time and counters</h2>
 *
 * The match time of a command is {@code max(previous match time, command.timestamp)}. Per-symbol
 * counters live in the book's state and start at 1: {@code tradeId} (one per trade), the book
 * {@code updateId} (one per command that changes at least one L2 level), the order-event {@code
 * sequence} (one per order event), the instrument {@code version} (one per applied instrument
 * command) and the arrival sequence that orders resting orders within a price level.
 *
 * <h2>New orders</h2>
 *
 * A {@code NewOrder} that carries a {@code rejectReason} (set by the accounts job, e.g. {@code
 * INSUFFICIENT_BALANCE}) is answered with a single order event REJECTED/REJECTED with that reason,
 * in the symbol's event sequence, and changes nothing else (an unknown reason name is refused as
 * {@code MALFORMED_COMMAND}). Any other {@code NewOrder} is checked in this order; the first
 * failure emits a single order event with execution type REJECTED, status REJECTED and the reason,
 * and changes nothing else:
 *
 * <ol>
 *   <li>the symbol must be listed ({@code UNKNOWN_SYMBOL});
 *   <li>price, quantity and quote quantity are rescaled exactly from the command's scales to the
 *       instrument's ({@code SCALE_MISMATCH});
 *   <li>{@link dev.exchange.model.OrderRules#check} (status, shape, tick, step, min/max, notional);
 *   <li>a LIMIT or LIMIT_MAKER price must lie within the instrument's percent price band around the
 *       price of the symbol's last trade ({@link dev.exchange.model.PriceBand}, Binance's {@code
 *       PERCENT_PRICE_BY_SIDE} with {@code avgPriceMins} 0): a buy needs {@code last ×
 *       bidMultiplierDown ≤ price ≤ last × bidMultiplierUp}, a sell the same with the ask
 *       multipliers, compared exactly (the bounds are inclusive and never rounded); no band applies
 *       before the first trade since the listing, and a multiplier of 0 checks nothing ({@code
 *       PRICE_OUT_OF_BAND});
 *   <li>the clientOrderId must not belong to an open order of the same account ({@code
 *       DUPLICATE_CLIENT_ORDER_ID});
 *   <li>an order that can rest (LIMIT GTC, LIMIT_MAKER) is refused if the account already has
 *       {@code maxOpenOrders} open orders on the symbol ({@code MAX_OPEN_ORDERS});
 *   <li>a LIMIT_MAKER order that would match on arrival (buy price ≥ best ask, sell price ≤ best
 *       bid, whoever owns the best order) is refused ({@code WOULD_TAKE}).
 * </ol>
 *
 * An accepted order first emits an event NEW/NEW. Then:
 *
 * <ul>
 *   <li><b>FOK</b> checks before anything else happens whether the order can be filled completely
 *       against what it could actually trade with: resting orders in priority order within its
 *       limit price, where under STP EXPIRE_TAKER or EXPIRE_BOTH the walk stops at the first order
 *       of the same account, and under EXPIRE_MAKER orders of the same account are skipped. If not,
 *       it emits EXPIRED/EXPIRED with reason {@code FOK_NOT_FILLABLE} and has no other effect.
 *   <li><b>Matching</b> walks the opposite side in price-time priority while the order has quantity
 *       left and the best price crosses its limit (a MARKET order crosses any price). Each fill
 *       trades {@code min(taker leaves, maker leaves)} at the maker's price and emits, in this
 *       order: the trade, the taker's event TRADE (PARTIALLY_FILLED or FILLED), the maker's event
 *       TRADE (PARTIALLY_FILLED or FILLED, maker=true). A filled maker leaves the book.
 *   <li><b>Market buy by quote amount</b> fills, at each maker, the largest multiple of the step
 *       size whose cost fits the quote amount left, capped by the maker's leaves. Its TRADE event
 *       says FILLED when the quote left after that fill cannot buy one more step at that fill's
 *       price (asks only get dearer, so it could not buy one anywhere), else PARTIALLY_FILLED.
 *   <li><b>Self-trade prevention</b> applies when the best resting order belongs to the taker's
 *       account and the taker's mode is not NONE: EXPIRE_TAKER expires the taker (event
 *       TRADE_PREVENTION / EXPIRED_IN_MATCH, reason {@code SELF_TRADE_PREVENTED}) and matching
 *       stops; EXPIRE_MAKER removes that maker (same event for the maker) and matching goes on;
 *       EXPIRE_BOTH expires the maker, then the taker, and stops. With NONE, accounts trade with
 *       themselves like anyone else.
 *   <li><b>The remainder</b> of a LIMIT GTC order rests at its price behind every order already
 *       there (status NEW or PARTIALLY_FILLED; no further event). The remainder of a LIMIT IOC or a
 *       MARKET order expires: event EXPIRED/EXPIRED, reason {@code NO_LIQUIDITY} if nothing filled;
 *       a market buy by quote whose last event said FILLED has no further event, any other (book
 *       ran out, or not even one step affordable at the best price) expires likewise. A LIMIT_MAKER
 *       order always rests whole.
 *   <li><b>Quote limit.</b> A MARKET BUY by quantity that carries {@code quoteLimit} (the quote the
 *       accounts job holds for it, rescaled exactly to the notional scale, else {@code
 *       SCALE_MISMATCH}; ignored on any other order) never spends more than it: at a maker whose
 *       fill would take the cumulative quote above the limit, it fills the largest multiple of the
 *       step size that fits (possibly none), matching stops, and the remainder expires with reason
 *       {@code INSUFFICIENT_BALANCE}.
 *   <li>If a fill would overflow the taker's cumulative quote quantity, or a side's fee (below),
 *       matching stops there and the remainder expires with reason {@code NOTIONAL_OVERFLOW}.
 * </ul>
 *
 * <h2>Fees</h2>
 *
 * Every TRADE event carries the fee of its side of the fill: {@code commission = ceil(received ×
 * bps / 10 000)}, where a buyer receives {@code lastQuantity} of the base asset, rescaled to {@link
 * InstrumentSpec#baseFeeScale()}, and a seller receives {@code lastQuote} of the quote asset,
 * rescaled to {@link InstrumentSpec#quoteFeeScale()}; {@code bps} is the instrument's maker rate
 * for the resting order and its taker rate for the incoming one. {@code commissionAsset} and {@code
 * commissionScale} name the received asset and that scale, even when the fee is 0. Other events
 * carry {@code 0 / null / 0}. Exact integer arithmetic, rounded up (in the exchange's favour).
 *
 * <h2>Cancels</h2>
 *
 * {@code CancelOrder} names an order by orderId or, when orderId is null, by the sender's own
 * clientOrderId. It removes the order (event CANCELED/CANCELED). An unknown id is refused with
 * {@code UNKNOWN_ORDER}, another account's order with {@code NOT_ORDER_OWNER}; refusals go to
 * {@link Output#commandRejected} and change nothing. {@code CancelAllOrders} cancels every open
 * order of the sender on the symbol in arrival order; none open is not an error. Cancels are
 * accepted while the symbol is HALTED.
 *
 * <h2>Instrument commands</h2>
 *
 * LIST (only when not listed, or DELISTED) defines the instrument with status TRADING, its asset
 * scales and fee rates; UPDATE (TRADING or HALTED) replaces the filters, the price multipliers it
 * gives (0 keeps the current one) and the fee rates it gives (a null rate keeps the current one),
 * resting orders stay as they are; HALT (TRADING → HALTED) refuses new orders and keeps the book;
 * RESUME (HALTED → TRADING); DELIST (TRADING or HALTED → DELISTED) cancels every resting order in
 * arrival order with reason {@code INSTRUMENT_DELISTED}. Each applied command emits the new {@code
 * Instrument} record. A command not allowed in the current state is refused with {@code
 * INSTRUMENT_ALREADY_LISTED}, {@code UNKNOWN_SYMBOL} or {@code INSTRUMENT_TRANSITION}; an invalid
 * definition with {@code INVALID_INSTRUMENT}.
 *
 * <h2>Market data</h2>
 *
 * After a command that changed L2 levels, one {@code BookDelta} carries the new aggregate quantity
 * of every changed level (0 = removed; bids highest first, asks lowest first) with {@code
 * firstUpdateId = lastUpdateId = updateId} and the top of book (best level per side, or null).
 * DELIST emits its delta right after its cancel events, before the instrument record. A {@code
 * BookSnapshot} of the whole book (with the current updateId) is the command's last output when the
 * command's delta reached a multiple of the snapshot interval or the command was an applied LIST or
 * DELIST; at most one per command.
 *
 * <p>A NewOrder whose orderId is already open is refused as {@code MALFORMED_COMMAND} through
 * {@link Output#commandRejected} before any other check, so no REJECTED event ever carries the id
 * of a live order.
 */
public interface OrderBook {

  /** Applies one command of this book's symbol, reporting every consequence to {@code out}. */
  void apply(OrderCommand command, Output out);

  /** The instrument definition, or null if the symbol was never listed. */
  InstrumentSpec instrument();

  /** Open orders of one side, best first (price, then arrival). */
  List<RestingOrder> restingOrders(Side side);

  /** L2 levels of one side, best first: aggregate open quantity per price. */
  List<Level> levels(Side side);

  /** One price level. */
  record Level(long price, long quantity) {}
}
