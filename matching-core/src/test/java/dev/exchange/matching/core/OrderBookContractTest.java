package dev.exchange.matching.core;

import static dev.exchange.matching.core.Commands.ONE_BTC;
import static dev.exchange.matching.core.Commands.PRICE_100;
import static dev.exchange.matching.core.Commands.START;
import static dev.exchange.matching.core.Commands.filters;
import static dev.exchange.matching.core.Commands.order;
import static dev.exchange.matching.core.Commands.withBand;
import static org.assertj.core.api.Assertions.assertThat;

import dev.exchange.model.EventSerde;
import dev.exchange.model.InstrumentSpec;
import dev.exchange.model.PriceBand;
import dev.exchange.model.RejectReason;
import dev.exchange.model.avro.BookSnapshot;
import dev.exchange.model.avro.ExecutionType;
import dev.exchange.model.avro.InstrumentFilters;
import dev.exchange.model.avro.InstrumentStatus;
import dev.exchange.model.avro.NewOrder;
import dev.exchange.model.avro.OrderCommand;
import dev.exchange.model.avro.OrderEvent;
import dev.exchange.model.avro.OrderType;
import dev.exchange.model.avro.SelfTradePrevention;
import dev.exchange.model.avro.Side;
import dev.exchange.model.avro.TimeInForce;
import dev.exchange.model.avro.Trade;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The {@link OrderBook} contract, for every implementation. Each scenario runs through a {@link
 * BookDriver}, which checks the book's invariants after every command; the scenarios assert exact
 * outputs (rendered one line per record by {@link BookDriver#render}) and book contents.
 *
 * <p>Amounts: price scale 2 ({@code 10000} = 100.00), quantity scale 4 ({@code 10000} = 1 BTC),
 * notional scale 6 ({@code 1000000} = 1.00 USDT).
 */
abstract class OrderBookContractTest {

  static final String ALICE = "alice";
  static final String BOB = "bob";
  static final String CAROL = "carol";
  static final String DAVE = "dave";
  static final long P = PRICE_100;
  static final long Q = ONE_BTC;
  static final int NO_SNAPSHOTS = 1_000_000;

  protected abstract OrderBook newBook(String symbol, int snapshotInterval);

  Commands cmd;
  BookDriver d;

  @BeforeEach
  void listInstrument() {
    cmd = new Commands();
    d = driver(NO_SNAPSHOTS);
    d.apply(cmd.list());
  }

  BookDriver driver(int snapshotInterval) {
    return new BookDriver(newBook(Commands.SYMBOL, snapshotInterval), snapshotInterval);
  }

  List<String> apply(OrderCommand c) {
    return BookDriver.render(d.apply(c));
  }

  List<OrderBook.Level> bids() {
    return d.book().levels(Side.BUY);
  }

  List<OrderBook.Level> asks() {
    return d.book().levels(Side.SELL);
  }

  List<String> restingIds(Side side) {
    return d.book().restingOrders(side).stream().map(RestingOrder::orderId).toList();
  }

  static OrderBook.Level level(long price, long quantity) {
    return new OrderBook.Level(price, quantity);
  }

  @Nested
  class Listing {

    @Test
    void listEmitsTheInstrumentAndAnEmptySnapshot() {
      BookDriver fresh = driver(NO_SNAPSHOTS);
      assertThat(fresh.book().instrument()).isNull();

      List<Object> out = fresh.apply(new Commands().list());

      assertThat(BookDriver.render(out))
          .containsExactly("instrument v1 TRADING", "snapshot 0 bids=[] asks=[]");
      assertThat(fresh.book().instrument())
          .isEqualTo(
              new InstrumentSpec(
                  "BTCUSDT",
                  "BTC",
                  "USDT",
                  InstrumentStatus.TRADING,
                  2,
                  4,
                  1,
                  1,
                  1,
                  1_000 * Q,
                  1_000_000,
                  5));
    }

    @Test
    void anInvalidDefinitionIsRefused() {
      BookDriver fresh = driver(NO_SNAPSHOTS);
      Commands c = new Commands();

      assertThat(BookDriver.render(fresh.apply(c.list(filters(0, 1, 1, 10, 0, 5)))))
          .containsExactly("refused INVALID_INSTRUMENT");
      assertThat(fresh.book().instrument()).isNull();
    }

    @Test
    void aSecondListIsRefused() {
      assertThat(apply(cmd.list())).containsExactly("refused INSTRUMENT_ALREADY_LISTED");
    }
  }

  @Nested
  class UnknownSymbol {

    BookDriver fresh;
    Commands c;

    @BeforeEach
    void neverListed() {
      fresh = driver(NO_SNAPSHOTS);
      c = new Commands();
    }

    @Test
    void newOrdersAreRejectedWithTheCommandsScales() {
      List<Object> out =
          fresh.apply(
              c.newOrder(
                  ALICE,
                  order("b1", Side.BUY, OrderType.LIMIT, TimeInForce.GTC)
                      .setPrice(1_000_000L)
                      .setPriceScale(4)
                      .setQuantity(Q)));

      assertThat(BookDriver.render(out))
          .containsExactly("b1 REJECTED/REJECTED UNKNOWN_SYMBOL exec=0");
      OrderEvent e = (OrderEvent) out.get(0);
      assertThat(e.getPrice()).isEqualTo(1_000_000L);
      assertThat(e.getPriceScale()).isEqualTo(4);
      assertThat(e.getQuantityScale()).isEqualTo(4);
      assertThat(e.getSequence()).isEqualTo(1);
    }

    @Test
    void instrumentCommandsOtherThanListAreRefused() {
      assertThat(BookDriver.render(fresh.apply(c.halt())))
          .containsExactly("refused UNKNOWN_SYMBOL");
      assertThat(BookDriver.render(fresh.apply(c.resume())))
          .containsExactly("refused UNKNOWN_SYMBOL");
      assertThat(BookDriver.render(fresh.apply(c.update(Commands.defaultFilters()))))
          .containsExactly("refused UNKNOWN_SYMBOL");
      assertThat(BookDriver.render(fresh.apply(c.delist())))
          .containsExactly("refused UNKNOWN_SYMBOL");
      assertThat(fresh.book().instrument()).isNull();
    }

    @Test
    void cancelsFindNothing() {
      assertThat(BookDriver.render(fresh.apply(c.cancel(ALICE, "b1"))))
          .containsExactly("refused UNKNOWN_ORDER");
      assertThat(fresh.apply(c.cancelAll(ALICE))).isEmpty();
    }
  }

  @Nested
  class LimitOrders {

    @Test
    void aGtcOrderThatDoesNotCrossRests() {
      assertThat(apply(cmd.buy(ALICE, "b1", P, Q)))
          .containsExactly(
              "b1 NEW/NEW exec=0", "delta 1 bids=[10000@10000] asks=[] top=10000@10000/-");

      assertThat(d.book().restingOrders(Side.BUY))
          .containsExactly(new RestingOrder("b1", "c-b1", ALICE, Side.BUY, P, Q, Q, 0, 1));
      assertThat(d.book().restingOrders(Side.SELL)).isEmpty();
      OrderEvent e = d.lastEvent("b1");
      assertThat(e.getPrice()).isEqualTo(P);
      assertThat(e.getQuantity()).isEqualTo(Q);
      assertThat(e.getQuoteQuantity()).isNull();
      assertThat(e.getPriceScale()).isEqualTo(2);
      assertThat(e.getQuantityScale()).isEqualTo(4);
      assertThat(e.getTime()).isEqualTo(START + 1);
      assertThat(e.getCreatedTime()).isEqualTo(START + 1);
    }

    @Test
    void aCrossingOrderTradesAtTheMakersPrice() {
      d.apply(cmd.sell(ALICE, "s1", P, 2 * Q));

      List<Object> out = d.apply(cmd.buy(BOB, "b1", P + 100, Q));

      assertThat(BookDriver.render(out))
          .containsExactly(
              "b1 NEW/NEW exec=0",
              "trade #1 10000@10000 BUY taker=b1 maker=s1",
              "b1 TRADE/FILLED exec=10000 fill=10000@10000 #1",
              "s1 TRADE/PARTIALLY_FILLED exec=10000 fill=10000@10000 #1 maker",
              "delta 2 bids=[] asks=[10000@10000] top=-/10000@10000");
      Trade t = (Trade) out.get(1);
      assertThat(t.getQuoteQuantity()).isEqualTo(100_000_000L);
      assertThat(t.getMakerAccount()).isEqualTo(ALICE);
      assertThat(t.getTakerAccount()).isEqualTo(BOB);
      assertThat(d.lastEvent("b1").getCumulativeQuote()).isEqualTo(100_000_000L);
      assertThat(d.book().restingOrders(Side.SELL))
          .containsExactly(new RestingOrder("s1", "c-s1", ALICE, Side.SELL, P, 2 * Q, Q, Q, 1));
    }

    @Test
    void aTakerSweepsLevelsInPriceTimePriorityAndRestsItsRemainder() {
      d.applyAll(
          cmd.sell(ALICE, "s1", P, 5_000),
          cmd.sell(BOB, "s2", P, 3_000),
          cmd.sell(CAROL, "s3", P + 100, 4_000),
          cmd.sell(ALICE, "s4", P + 300, 1_000));

      assertThat(apply(cmd.buy(DAVE, "b1", P + 100, 15_000)))
          .containsExactly(
              "b1 NEW/NEW exec=0",
              "trade #1 5000@10000 BUY taker=b1 maker=s1",
              "b1 TRADE/PARTIALLY_FILLED exec=5000 fill=5000@10000 #1",
              "s1 TRADE/FILLED exec=5000 fill=5000@10000 #1 maker",
              "trade #2 3000@10000 BUY taker=b1 maker=s2",
              "b1 TRADE/PARTIALLY_FILLED exec=8000 fill=3000@10000 #2",
              "s2 TRADE/FILLED exec=3000 fill=3000@10000 #2 maker",
              "trade #3 4000@10100 BUY taker=b1 maker=s3",
              "b1 TRADE/PARTIALLY_FILLED exec=12000 fill=4000@10100 #3",
              "s3 TRADE/FILLED exec=4000 fill=4000@10100 #3 maker",
              "delta 5 bids=[3000@10100] asks=[0@10000,0@10100] top=3000@10100/1000@10300");
      assertThat(d.book().restingOrders(Side.BUY))
          .containsExactly(
              new RestingOrder("b1", "c-b1", DAVE, Side.BUY, P + 100, 15_000, 3_000, 12_000, 5));
      assertThat(asks()).containsExactly(level(P + 300, 1_000));
      assertThat(d.lastEvent("b1").getCumulativeQuote())
          .isEqualTo(5_000L * P + 3_000L * P + 4_000L * (P + 100));
    }

    @Test
    void ordersAtOnePriceFillInArrivalOrderAndAReplacedOrderGoesLast() {
      d.applyAll(
          cmd.sell(ALICE, "s1", P, 1_000),
          cmd.sell(BOB, "s2", P, 1_000),
          cmd.sell(CAROL, "s3", P, 1_000),
          cmd.cancel(ALICE, "s1"),
          cmd.sell(ALICE, "s4", P, 1_000));
      assertThat(restingIds(Side.SELL)).containsExactly("s2", "s3", "s4");

      List<Object> out = d.apply(cmd.market(DAVE, "m1", Side.BUY, 2_500));

      assertThat(out.stream().filter(Trade.class::isInstance).map(BookDriver::render))
          .containsExactly(
              "trade #1 1000@10000 BUY taker=m1 maker=s2",
              "trade #2 1000@10000 BUY taker=m1 maker=s3",
              "trade #3 500@10000 BUY taker=m1 maker=s4");
      assertThat(d.book().restingOrders(Side.SELL))
          .containsExactly(new RestingOrder("s4", "c-s4", ALICE, Side.SELL, P, 1_000, 500, 500, 4));
    }

    @Test
    void bidsArePrioritisedHighestFirst() {
      d.applyAll(
          cmd.buy(ALICE, "b1", P - 200, 1_000),
          cmd.buy(BOB, "b2", P - 100, 1_000),
          cmd.buy(CAROL, "b3", P - 100, 2_000),
          cmd.buy(ALICE, "b4", P - 300, 1_000));

      assertThat(restingIds(Side.BUY)).containsExactly("b2", "b3", "b1", "b4");
      assertThat(bids())
          .containsExactly(level(P - 100, 3_000), level(P - 200, 1_000), level(P - 300, 1_000));

      assertThat(apply(cmd.market(DAVE, "m1", Side.SELL, 1_500)))
          .containsExactly(
              "m1 NEW/NEW exec=0",
              "trade #1 1000@9900 SELL taker=m1 maker=b2",
              "m1 TRADE/PARTIALLY_FILLED exec=1000 fill=1000@9900 #1",
              "b2 TRADE/FILLED exec=1000 fill=1000@9900 #1 maker",
              "trade #2 500@9900 SELL taker=m1 maker=b3",
              "m1 TRADE/FILLED exec=1500 fill=500@9900 #2",
              "b3 TRADE/PARTIALLY_FILLED exec=500 fill=500@9900 #2 maker",
              "delta 5 bids=[1500@9900] asks=[] top=1500@9900/-");
    }

    @Test
    void anIocRemainderExpiresWithoutResting() {
      d.apply(cmd.sell(ALICE, "s1", P, 1_000));

      assertThat(apply(cmd.limit(BOB, "b1", Side.BUY, P, 3_000, TimeInForce.IOC)))
          .containsExactly(
              "b1 NEW/NEW exec=0",
              "trade #1 1000@10000 BUY taker=b1 maker=s1",
              "b1 TRADE/PARTIALLY_FILLED exec=1000 fill=1000@10000 #1",
              "s1 TRADE/FILLED exec=1000 fill=1000@10000 #1 maker",
              "b1 EXPIRED/EXPIRED exec=1000",
              "delta 2 bids=[] asks=[0@10000] top=-/-");
      assertThat(bids()).isEmpty();
      assertThat(asks()).isEmpty();
    }

    @Test
    void anIocThatCannotTradeExpiresWithNoLiquidity() {
      d.apply(cmd.sell(ALICE, "s1", P + 1, 1_000));

      assertThat(apply(cmd.limit(BOB, "b1", Side.BUY, P, 3_000, TimeInForce.IOC)))
          .containsExactly("b1 NEW/NEW exec=0", "b1 EXPIRED/EXPIRED NO_LIQUIDITY exec=0");
      assertThat(asks()).containsExactly(level(P + 1, 1_000));
    }
  }

  @Nested
  class FillOrKill {

    @BeforeEach
    void book() {
      d.applyAll(cmd.sell(ALICE, "s1", P, 1_000), cmd.sell(BOB, "s2", P + 100, 1_000));
    }

    @Test
    void aFokThatCannotFillCompletelyExpiresWithoutSideEffects() {
      assertThat(apply(cmd.limit(CAROL, "f1", Side.BUY, P + 100, 2_500, TimeInForce.FOK)))
          .containsExactly("f1 NEW/NEW exec=0", "f1 EXPIRED/EXPIRED FOK_NOT_FILLABLE exec=0");
      assertThat(apply(cmd.limit(CAROL, "f2", Side.BUY, P, 1_500, TimeInForce.FOK)))
          .as("liquidity beyond the limit does not count")
          .containsExactly("f2 NEW/NEW exec=0", "f2 EXPIRED/EXPIRED FOK_NOT_FILLABLE exec=0");
      assertThat(asks()).containsExactly(level(P, 1_000), level(P + 100, 1_000));
      assertThat(restingIds(Side.SELL)).containsExactly("s1", "s2");
    }

    @Test
    void aFillableFokFillsAcrossLevels() {
      assertThat(apply(cmd.limit(CAROL, "f1", Side.BUY, P + 100, 2_000, TimeInForce.FOK)))
          .containsExactly(
              "f1 NEW/NEW exec=0",
              "trade #1 1000@10000 BUY taker=f1 maker=s1",
              "f1 TRADE/PARTIALLY_FILLED exec=1000 fill=1000@10000 #1",
              "s1 TRADE/FILLED exec=1000 fill=1000@10000 #1 maker",
              "trade #2 1000@10100 BUY taker=f1 maker=s2",
              "f1 TRADE/FILLED exec=2000 fill=1000@10100 #2",
              "s2 TRADE/FILLED exec=1000 fill=1000@10100 #2 maker",
              "delta 3 bids=[] asks=[0@10000,0@10100] top=-/-");
    }

    @Test
    void underExpireTakerTheWalkStopsAtTheFirstOwnOrder() {
      for (SelfTradePrevention stp :
          List.of(SelfTradePrevention.EXPIRE_TAKER, SelfTradePrevention.EXPIRE_BOTH)) {
        String id = "f-" + stp;
        assertThat(apply(cmd.limit(ALICE, id, Side.BUY, P + 100, 1_000, TimeInForce.FOK, stp)))
            .as("own s1 is first: nothing is fillable under %s", stp)
            .containsExactly(
                id + " NEW/NEW exec=0", id + " EXPIRED/EXPIRED FOK_NOT_FILLABLE exec=0");
      }
      assertThat(restingIds(Side.SELL)).containsExactly("s1", "s2");
    }

    @Test
    void underExpireMakerOwnOrdersAreSkippedInTheCheckAndExpiredInTheMatch() {
      assertThat(
              apply(
                  cmd.limit(
                      ALICE,
                      "f1",
                      Side.BUY,
                      P + 100,
                      2_000,
                      TimeInForce.FOK,
                      SelfTradePrevention.EXPIRE_MAKER)))
          .as("only s2 counts: 1000 of 2000")
          .containsExactly("f1 NEW/NEW exec=0", "f1 EXPIRED/EXPIRED FOK_NOT_FILLABLE exec=0");
      assertThat(restingIds(Side.SELL)).containsExactly("s1", "s2");

      assertThat(
              apply(
                  cmd.limit(
                      ALICE,
                      "f2",
                      Side.BUY,
                      P + 100,
                      1_000,
                      TimeInForce.FOK,
                      SelfTradePrevention.EXPIRE_MAKER)))
          .containsExactly(
              "f2 NEW/NEW exec=0",
              "s1 TRADE_PREVENTION/EXPIRED_IN_MATCH SELF_TRADE_PREVENTED exec=0 maker",
              "trade #1 1000@10100 BUY taker=f2 maker=s2",
              "f2 TRADE/FILLED exec=1000 fill=1000@10100 #1",
              "s2 TRADE/FILLED exec=1000 fill=1000@10100 #1 maker",
              "delta 3 bids=[] asks=[0@10000,0@10100] top=-/-");
    }

    @Test
    void withoutStpOwnOrdersCountAndTrade() {
      assertThat(apply(cmd.limit(ALICE, "f1", Side.BUY, P + 100, 2_000, TimeInForce.FOK)))
          .containsExactly(
              "f1 NEW/NEW exec=0",
              "trade #1 1000@10000 BUY taker=f1 maker=s1",
              "f1 TRADE/PARTIALLY_FILLED exec=1000 fill=1000@10000 #1",
              "s1 TRADE/FILLED exec=1000 fill=1000@10000 #1 maker",
              "trade #2 1000@10100 BUY taker=f1 maker=s2",
              "f1 TRADE/FILLED exec=2000 fill=1000@10100 #2",
              "s2 TRADE/FILLED exec=1000 fill=1000@10100 #2 maker",
              "delta 3 bids=[] asks=[0@10000,0@10100] top=-/-");
    }
  }

  @Nested
  class MarketOrders {

    @Test
    void aMarketOrderCrossesAnyPrice() {
      d.applyAll(cmd.sell(ALICE, "s1", P, 1_000), cmd.sell(BOB, "s2", 2 * P, 1_000));

      assertThat(apply(cmd.market(CAROL, "m1", Side.BUY, 1_500)))
          .containsExactly(
              "m1 NEW/NEW exec=0",
              "trade #1 1000@10000 BUY taker=m1 maker=s1",
              "m1 TRADE/PARTIALLY_FILLED exec=1000 fill=1000@10000 #1",
              "s1 TRADE/FILLED exec=1000 fill=1000@10000 #1 maker",
              "trade #2 500@20000 BUY taker=m1 maker=s2",
              "m1 TRADE/FILLED exec=1500 fill=500@20000 #2",
              "s2 TRADE/PARTIALLY_FILLED exec=500 fill=500@20000 #2 maker",
              "delta 3 bids=[] asks=[0@10000,500@20000] top=-/500@20000");
      assertThat(d.lastEvent("m1").getPrice()).isNull();
      assertThat(d.lastEvent("m1").getCumulativeQuote()).isEqualTo(1_000L * P + 500L * 2 * P);
    }

    @Test
    void whenTheBookRunsOutTheRemainderExpires() {
      d.apply(cmd.buy(ALICE, "b1", P, 1_000));

      assertThat(apply(cmd.market(BOB, "m1", Side.SELL, 3_000)))
          .containsExactly(
              "m1 NEW/NEW exec=0",
              "trade #1 1000@10000 SELL taker=m1 maker=b1",
              "m1 TRADE/PARTIALLY_FILLED exec=1000 fill=1000@10000 #1",
              "b1 TRADE/FILLED exec=1000 fill=1000@10000 #1 maker",
              "m1 EXPIRED/EXPIRED exec=1000",
              "delta 2 bids=[0@10000] asks=[] top=-/-");
    }

    @Test
    void onAnEmptySideItExpiresWithNoLiquidity() {
      d.apply(cmd.buy(ALICE, "b1", P, 1_000));

      assertThat(apply(cmd.market(BOB, "m1", Side.BUY, 3_000)))
          .containsExactly("m1 NEW/NEW exec=0", "m1 EXPIRED/EXPIRED NO_LIQUIDITY exec=0");
    }
  }

  /** A step of 0.01 BTC: at 100.00 one step costs 1.00 USDT (1000000 notional units). */
  @Nested
  class MarketBuyByQuote {

    @BeforeEach
    void coarseStep() {
      d.apply(cmd.update(filters(1, 100, 100, 1_000 * Q, 500_000, 5)));
    }

    @Test
    void fillsWholeStepsAndSaysFilledWhenTheQuoteLeftCannotBuyAnotherStep() {
      d.applyAll(cmd.sell(ALICE, "s1", P, 300), cmd.sell(BOB, "s2", P + 100, 1_000));

      List<String> out = apply(cmd.marketQuote(CAROL, "q1", 4_500_000));

      // s1: 4.50 buys 400 (450 rounded down to the step), capped at s1's 300, for 3.00.
      // s2: 1.50 at 101.00 buys 100 (148 rounded down) for 1.01; 0.49 left < 1.01 a step.
      assertThat(out)
          .containsExactly(
              "q1 NEW/NEW exec=0",
              "trade #1 300@10000 BUY taker=q1 maker=s1",
              "q1 TRADE/PARTIALLY_FILLED exec=300 fill=300@10000 #1",
              "s1 TRADE/FILLED exec=300 fill=300@10000 #1 maker",
              "trade #2 100@10100 BUY taker=q1 maker=s2",
              "q1 TRADE/FILLED exec=400 fill=100@10100 #2",
              "s2 TRADE/PARTIALLY_FILLED exec=100 fill=100@10100 #2 maker",
              "delta 3 bids=[] asks=[0@10000,900@10100] top=-/900@10100");
      OrderEvent last = d.lastEvent("q1");
      assertThat(last.getCumulativeQuote()).isEqualTo(4_010_000L);
      assertThat(last.getQuoteQuantity()).isEqualTo(4_500_000L);
      assertThat(last.getQuantity()).isNull();
    }

    @Test
    void spendingTheQuoteExactlyFills() {
      d.apply(cmd.sell(ALICE, "s1", P, 1_000));

      assertThat(apply(cmd.marketQuote(BOB, "q1", 2_000_000)))
          .containsExactly(
              "q1 NEW/NEW exec=0",
              "trade #1 200@10000 BUY taker=q1 maker=s1",
              "q1 TRADE/FILLED exec=200 fill=200@10000 #1",
              "s1 TRADE/PARTIALLY_FILLED exec=200 fill=200@10000 #1 maker",
              "delta 2 bids=[] asks=[800@10000] top=-/800@10000");
    }

    @Test
    void whenTheBookRunsOutItExpires() {
      d.apply(cmd.sell(ALICE, "s1", P, 300));

      assertThat(apply(cmd.marketQuote(BOB, "q1", 10_000_000)))
          .containsExactly(
              "q1 NEW/NEW exec=0",
              "trade #1 300@10000 BUY taker=q1 maker=s1",
              "q1 TRADE/PARTIALLY_FILLED exec=300 fill=300@10000 #1",
              "s1 TRADE/FILLED exec=300 fill=300@10000 #1 maker",
              "q1 EXPIRED/EXPIRED exec=300",
              "delta 2 bids=[] asks=[0@10000] top=-/-");
    }

    @Test
    void whenTheNextLevelIsTooDearForAStepItExpires() {
      d.applyAll(cmd.sell(ALICE, "s1", P, 100), cmd.sell(BOB, "s2", 2 * P, 1_000));

      // After s1, 1.50 is left: a step at 100.00 (the fill price) costs 1.00, so the event says
      // PARTIALLY_FILLED; at 200.00 a step costs 2.00, so matching stops and the rest expires.
      assertThat(apply(cmd.marketQuote(CAROL, "q1", 2_500_000)))
          .containsExactly(
              "q1 NEW/NEW exec=0",
              "trade #1 100@10000 BUY taker=q1 maker=s1",
              "q1 TRADE/PARTIALLY_FILLED exec=100 fill=100@10000 #1",
              "s1 TRADE/FILLED exec=100 fill=100@10000 #1 maker",
              "q1 EXPIRED/EXPIRED exec=100",
              "delta 3 bids=[] asks=[0@10000] top=-/1000@20000");
    }

    @Test
    void notEvenOneStepAffordableAtTheBestPriceExpiresWithNoLiquidity() {
      d.apply(cmd.sell(ALICE, "s1", P, 300));

      // The contract says such an order "expires likewise", i.e. like an order that traded nothing:
      // EXPIRED with NO_LIQUIDITY. 0.999999 USDT cannot buy one step (1.00) at 100.00.
      assertThat(apply(cmd.marketQuote(BOB, "q1", 999_999)))
          .containsExactly("q1 NEW/NEW exec=0", "q1 EXPIRED/EXPIRED NO_LIQUIDITY exec=0");
      assertThat(asks()).containsExactly(level(P, 300));
    }

    @Test
    void onAnEmptyBookItExpiresWithNoLiquidity() {
      assertThat(apply(cmd.marketQuote(BOB, "q1", 5_000_000)))
          .containsExactly("q1 NEW/NEW exec=0", "q1 EXPIRED/EXPIRED NO_LIQUIDITY exec=0");
    }
  }

  @Nested
  class LimitMaker {

    @BeforeEach
    void book() {
      d.applyAll(cmd.sell(ALICE, "s1", P, 1_000), cmd.buy(BOB, "b1", P - 100, 1_000));
    }

    @Test
    void aMakerOrderThatDoesNotCrossRestsWhole() {
      assertThat(apply(cmd.limitMaker(CAROL, "m1", Side.BUY, P - 1, 1_000)))
          .containsExactly(
              "m1 NEW/NEW exec=0", "delta 3 bids=[1000@9999] asks=[] top=1000@9999/1000@10000");
      assertThat(restingIds(Side.BUY)).containsExactly("m1", "b1");
    }

    @Test
    void aMakerOrderThatWouldTakeIsRejectedWhoeverOwnsTheBest() {
      assertThat(apply(cmd.limitMaker(CAROL, "m1", Side.BUY, P, 1_000)))
          .containsExactly("m1 REJECTED/REJECTED WOULD_TAKE exec=0");
      assertThat(apply(cmd.limitMaker(ALICE, "m2", Side.BUY, P + 500, 1_000)))
          .containsExactly("m2 REJECTED/REJECTED WOULD_TAKE exec=0");
      assertThat(apply(cmd.limitMaker(BOB, "m3", Side.SELL, P - 100, 1_000)))
          .containsExactly("m3 REJECTED/REJECTED WOULD_TAKE exec=0");
      assertThat(asks()).containsExactly(level(P, 1_000));
      assertThat(bids()).containsExactly(level(P - 100, 1_000));
    }
  }

  @Nested
  class Cancels {

    @BeforeEach
    void book() {
      d.applyAll(cmd.buy(ALICE, "b1", P, 2_000), cmd.buy(BOB, "b2", P, 1_000));
    }

    @Test
    void byOrderId() {
      assertThat(apply(cmd.cancel(ALICE, "b1")))
          .containsExactly(
              "b1 CANCELED/CANCELED exec=0", "delta 3 bids=[1000@10000] asks=[] top=1000@10000/-");
      assertThat(restingIds(Side.BUY)).containsExactly("b2");
    }

    @Test
    void aPartiallyFilledOrderByClientOrderId() {
      d.apply(cmd.market(CAROL, "m1", Side.SELL, 500));

      assertThat(apply(cmd.cancelByClientId(ALICE, "c-b1")))
          .containsExactly(
              "b1 CANCELED/CANCELED exec=500",
              "delta 4 bids=[1000@10000] asks=[] top=1000@10000/-");
    }

    @Test
    void anotherAccountsOrderIsRefusedAndNothingChanges() {
      assertThat(apply(cmd.cancel(BOB, "b1"))).containsExactly("refused NOT_ORDER_OWNER");
      assertThat(apply(cmd.cancelByClientId(BOB, "c-b1")))
          .as("client order ids are looked up among the sender's orders")
          .containsExactly("refused UNKNOWN_ORDER");
      assertThat(restingIds(Side.BUY)).containsExactly("b1", "b2");
      assertThat(bids()).containsExactly(level(P, 3_000));
    }

    @Test
    void unknownOrClosedOrdersAreRefused() {
      d.apply(cmd.cancel(ALICE, "b1"));

      assertThat(apply(cmd.cancel(ALICE, "b1"))).containsExactly("refused UNKNOWN_ORDER");
      assertThat(apply(cmd.cancel(ALICE, "nope"))).containsExactly("refused UNKNOWN_ORDER");
      assertThat(apply(cmd.cancelByClientId(ALICE, "c-b1")))
          .containsExactly("refused UNKNOWN_ORDER");
      assertThat(apply(cmd.cancelNothing(ALICE))).containsExactly("refused UNKNOWN_ORDER");
    }

    @Test
    void cancelAllCancelsTheSendersOrdersInArrivalOrder() {
      d.applyAll(
          cmd.sell(ALICE, "s1", P + 200, 1_000),
          cmd.sell(BOB, "s2", P + 100, 1_000),
          cmd.buy(ALICE, "b3", P - 100, 1_000));

      assertThat(apply(cmd.cancelAll(ALICE)))
          .containsExactly(
              "b1 CANCELED/CANCELED exec=0",
              "s1 CANCELED/CANCELED exec=0",
              "b3 CANCELED/CANCELED exec=0",
              "delta 6 bids=[1000@10000,0@9900] asks=[0@10200] top=1000@10000/1000@10100");
      assertThat(restingIds(Side.BUY)).containsExactly("b2");
      assertThat(restingIds(Side.SELL)).containsExactly("s2");
      assertThat(apply(cmd.cancelAll(CAROL))).as("none open is not an error").isEmpty();
      assertThat(apply(cmd.cancelAll(ALICE))).isEmpty();
    }
  }

  @Nested
  class SelfTradePreventionModes {

    @BeforeEach
    void book() {
      d.applyAll(
          cmd.sell(BOB, "s1", P, 1_000),
          cmd.limit(
              ALICE, "s2", Side.SELL, P, 1_000, TimeInForce.GTC, SelfTradePrevention.EXPIRE_BOTH),
          cmd.sell(BOB, "s3", P + 100, 1_000));
    }

    OrderCommandBuilder aliceBuys(SelfTradePrevention stp) {
      return id -> cmd.limit(ALICE, id, Side.BUY, P + 100, 3_000, TimeInForce.GTC, stp);
    }

    @Test
    void expireTakerExpiresTheTakerAndKeepsTheMaker() {
      assertThat(apply(aliceBuys(SelfTradePrevention.EXPIRE_TAKER).build("b1")))
          .containsExactly(
              "b1 NEW/NEW exec=0",
              "trade #1 1000@10000 BUY taker=b1 maker=s1",
              "b1 TRADE/PARTIALLY_FILLED exec=1000 fill=1000@10000 #1",
              "s1 TRADE/FILLED exec=1000 fill=1000@10000 #1 maker",
              "b1 TRADE_PREVENTION/EXPIRED_IN_MATCH SELF_TRADE_PREVENTED exec=1000",
              "delta 4 bids=[] asks=[1000@10000] top=-/1000@10000");
      assertThat(restingIds(Side.SELL)).containsExactly("s2", "s3");
      assertThat(bids()).isEmpty();
    }

    @Test
    void expireMakerExpiresTheMakerAndGoesOn() {
      assertThat(apply(aliceBuys(SelfTradePrevention.EXPIRE_MAKER).build("b1")))
          .containsExactly(
              "b1 NEW/NEW exec=0",
              "trade #1 1000@10000 BUY taker=b1 maker=s1",
              "b1 TRADE/PARTIALLY_FILLED exec=1000 fill=1000@10000 #1",
              "s1 TRADE/FILLED exec=1000 fill=1000@10000 #1 maker",
              "s2 TRADE_PREVENTION/EXPIRED_IN_MATCH SELF_TRADE_PREVENTED exec=0 maker",
              "trade #2 1000@10100 BUY taker=b1 maker=s3",
              "b1 TRADE/PARTIALLY_FILLED exec=2000 fill=1000@10100 #2",
              "s3 TRADE/FILLED exec=1000 fill=1000@10100 #2 maker",
              "delta 4 bids=[1000@10100] asks=[0@10000,0@10100] top=1000@10100/-");
      assertThat(d.book().restingOrders(Side.BUY))
          .containsExactly(
              new RestingOrder("b1", "c-b1", ALICE, Side.BUY, P + 100, 3_000, 1_000, 2_000, 4));
    }

    @Test
    void expireBothExpiresTheMakerThenTheTaker() {
      assertThat(apply(aliceBuys(SelfTradePrevention.EXPIRE_BOTH).build("b1")))
          .containsExactly(
              "b1 NEW/NEW exec=0",
              "trade #1 1000@10000 BUY taker=b1 maker=s1",
              "b1 TRADE/PARTIALLY_FILLED exec=1000 fill=1000@10000 #1",
              "s1 TRADE/FILLED exec=1000 fill=1000@10000 #1 maker",
              "s2 TRADE_PREVENTION/EXPIRED_IN_MATCH SELF_TRADE_PREVENTED exec=0 maker",
              "b1 TRADE_PREVENTION/EXPIRED_IN_MATCH SELF_TRADE_PREVENTED exec=1000",
              "delta 4 bids=[] asks=[0@10000] top=-/1000@10100");
      assertThat(restingIds(Side.SELL)).containsExactly("s3");
    }

    @Test
    void noneTradesWithItselfWhateverTheMakersMode() {
      assertThat(apply(cmd.limit(ALICE, "b1", Side.BUY, P, 2_000, TimeInForce.IOC)))
          .containsExactly(
              "b1 NEW/NEW exec=0",
              "trade #1 1000@10000 BUY taker=b1 maker=s1",
              "b1 TRADE/PARTIALLY_FILLED exec=1000 fill=1000@10000 #1",
              "s1 TRADE/FILLED exec=1000 fill=1000@10000 #1 maker",
              "trade #2 1000@10000 BUY taker=b1 maker=s2",
              "b1 TRADE/FILLED exec=2000 fill=1000@10000 #2",
              "s2 TRADE/FILLED exec=1000 fill=1000@10000 #2 maker",
              "delta 4 bids=[] asks=[0@10000] top=-/1000@10100");
    }

    @Test
    void stpOnAMarketOrder() {
      assertThat(apply(cmd.market(ALICE, "m1", Side.BUY, 500, SelfTradePrevention.EXPIRE_MAKER)))
          .containsExactly(
              "m1 NEW/NEW exec=0",
              "trade #1 500@10000 BUY taker=m1 maker=s1",
              "m1 TRADE/FILLED exec=500 fill=500@10000 #1",
              "s1 TRADE/PARTIALLY_FILLED exec=500 fill=500@10000 #1 maker",
              "delta 4 bids=[] asks=[1500@10000] top=-/1500@10000");
      assertThat(restingIds(Side.SELL)).containsExactly("s1", "s2", "s3");
    }
  }

  @FunctionalInterface
  interface OrderCommandBuilder {
    OrderCommand build(String orderId);
  }

  @Nested
  class OrderIdentity {

    @Test
    void aClientOrderIdOpenInTheSameAccountIsRejected() {
      d.apply(Commands.withClientOrderId(cmd.buy(ALICE, "b1", P, 1_000), "x"));

      assertThat(apply(Commands.withClientOrderId(cmd.buy(ALICE, "b2", P - 1, 1_000), "x")))
          .containsExactly("b2 REJECTED/REJECTED DUPLICATE_CLIENT_ORDER_ID exec=0");
      assertThat(
              apply(
                  Commands.withClientOrderId(
                      cmd.limit(ALICE, "b3", Side.BUY, P, 1_000, TimeInForce.IOC), "x")))
          .containsExactly("b3 REJECTED/REJECTED DUPLICATE_CLIENT_ORDER_ID exec=0");
      assertThat(apply(Commands.withClientOrderId(cmd.buy(BOB, "b4", P - 1, 1_000), "x")))
          .as("another account may use it")
          .containsExactly(
              "b4 NEW/NEW exec=0", "delta 2 bids=[1000@9999] asks=[] top=1000@10000/-");
    }

    @Test
    void aClientOrderIdMayBeReusedOnceItsOrderIsClosed() {
      d.applyAll(
          Commands.withClientOrderId(cmd.buy(ALICE, "b1", P, 1_000), "x"),
          Commands.withClientOrderId(cmd.buy(ALICE, "b2", P - 1, 1_000), "y"),
          cmd.cancel(ALICE, "b1"),
          cmd.market(BOB, "m1", Side.SELL, 1_000));

      assertThat(apply(Commands.withClientOrderId(cmd.buy(ALICE, "b3", P, 1_000), "x")))
          .containsExactly(
              "b3 NEW/NEW exec=0", "delta 5 bids=[1000@10000] asks=[] top=1000@10000/-");
      assertThat(apply(Commands.withClientOrderId(cmd.buy(ALICE, "b4", P, 1_000), "y")))
          .containsExactly(
              "b4 NEW/NEW exec=0", "delta 6 bids=[2000@10000] asks=[] top=2000@10000/-");
    }

    @Test
    void anOrderIdThatIsAlreadyOpenIsAMalformedCommand() {
      d.apply(cmd.buy(ALICE, "b1", P, 1_000));

      assertThat(apply(cmd.buy(BOB, "b1", P - 1, 1_000)))
          .containsExactly("refused MALFORMED_COMMAND");
      assertThat(apply(cmd.buy(ALICE, "b1", P - 1, 1_000)))
          .as("checked right after the filters, before the clientOrderId")
          .containsExactly("refused MALFORMED_COMMAND");
      assertThat(restingIds(Side.BUY)).containsExactly("b1");

      d.apply(cmd.cancel(ALICE, "b1"));
      assertThat(apply(cmd.buy(BOB, "b1", P - 1, 1_000)))
          .as("an orderId may come again once closed")
          .containsExactly("b1 NEW/NEW exec=0", "delta 3 bids=[1000@9999] asks=[] top=1000@9999/-");
    }

    @Test
    void onlyAcceptedOrdersTakeAnArrival() {
      d.applyAll(
          cmd.buy(ALICE, "b1", P, 1_000),
          cmd.buy(ALICE, "x1", P + 1, 1),
          cmd.limit(BOB, "i1", Side.BUY, P - 5, 1_000, TimeInForce.IOC),
          cmd.buy(BOB, "b2", P, 1_000));

      assertThat(d.book().restingOrders(Side.BUY).stream().map(RestingOrder::arrival))
          .containsExactly(1L, 3L);
    }
  }

  @Nested
  class MaxOpenOrders {

    @BeforeEach
    void twoPerAccount() {
      d.applyAll(
          cmd.update(filters(1, 1, 1, 1_000 * Q, 1_000_000, 2)),
          cmd.sell(BOB, "s1", P + 100, 1_000),
          cmd.buy(ALICE, "b1", P - 100, 1_000),
          cmd.buy(ALICE, "b2", P - 200, 1_000));
    }

    @Test
    void ordersThatCanRestAreRefusedAtTheLimit() {
      assertThat(apply(cmd.buy(ALICE, "b3", P - 300, 1_000)))
          .containsExactly("b3 REJECTED/REJECTED MAX_OPEN_ORDERS exec=0");
      assertThat(apply(cmd.limitMaker(ALICE, "b4", Side.BUY, P - 300, 1_000)))
          .containsExactly("b4 REJECTED/REJECTED MAX_OPEN_ORDERS exec=0");
      assertThat(apply(cmd.buy(ALICE, "b5", P + 100, 1_000)))
          .as("even a GTC order that would fill at once")
          .containsExactly("b5 REJECTED/REJECTED MAX_OPEN_ORDERS exec=0");
      assertThat(bids()).containsExactly(level(P - 100, 1_000), level(P - 200, 1_000));
    }

    @Test
    void ordersThatCannotRestAndOtherAccountsAreAccepted() {
      assertThat(apply(cmd.limit(ALICE, "i1", Side.BUY, P + 100, 500, TimeInForce.IOC)))
          .containsExactly(
              "i1 NEW/NEW exec=0",
              "trade #1 500@10100 BUY taker=i1 maker=s1",
              "i1 TRADE/FILLED exec=500 fill=500@10100 #1",
              "s1 TRADE/PARTIALLY_FILLED exec=500 fill=500@10100 #1 maker",
              "delta 4 bids=[] asks=[500@10100] top=1000@9900/500@10100");
      assertThat(apply(cmd.market(ALICE, "m1", Side.SELL, 500)))
          .containsExactly(
              "m1 NEW/NEW exec=0",
              "trade #2 500@9900 SELL taker=m1 maker=b1",
              "m1 TRADE/FILLED exec=500 fill=500@9900 #2",
              "b1 TRADE/PARTIALLY_FILLED exec=500 fill=500@9900 #2 maker",
              "delta 5 bids=[500@9900] asks=[] top=500@9900/500@10100");
      assertThat(apply(cmd.buy(CAROL, "c1", P - 300, 1_000)))
          .containsExactly(
              "c1 NEW/NEW exec=0", "delta 6 bids=[1000@9700] asks=[] top=500@9900/500@10100");
    }

    @Test
    void cancellingMakesRoom() {
      d.apply(cmd.cancel(ALICE, "b1"));

      assertThat(apply(cmd.buy(ALICE, "b3", P - 300, 1_000)))
          .containsExactly(
              "b3 NEW/NEW exec=0", "delta 5 bids=[1000@9700] asks=[] top=1000@9800/1000@10100");
    }
  }

  @Nested
  class Filters {

    @BeforeEach
    void strictFilters() {
      // tick 0.05, step 0.0010, quantity 0.0100..10, min notional 5.00 USDT
      d.apply(cmd.update(filters(5, 10, 100, 100_000, 5_000_000, 5)));
    }

    @Test
    void eachFilterRefusesWithItsReason() {
      List<Map.Entry<NewOrder.Builder, RejectReason>> cases = new ArrayList<>();
      cases.add(Map.entry(limit("r1", 10_001, 1_000), RejectReason.PRICE_NOT_ON_TICK));
      cases.add(Map.entry(limit("r2", 0, 1_000), RejectReason.PRICE_NOT_POSITIVE));
      cases.add(Map.entry(limit("r3", P, 1_005), RejectReason.QUANTITY_NOT_ON_STEP));
      cases.add(Map.entry(limit("r4", P, 90), RejectReason.QUANTITY_BELOW_MIN));
      cases.add(Map.entry(limit("r5", P, 100_010), RejectReason.QUANTITY_ABOVE_MAX));
      cases.add(Map.entry(limit("r6", P, 400), RejectReason.NOTIONAL_BELOW_MIN));
      cases.add(
          Map.entry(
              order("r7", Side.BUY, OrderType.MARKET, TimeInForce.IOC).setQuoteQuantity(4_999_999L),
              RejectReason.NOTIONAL_BELOW_MIN));
      cases.add(
          Map.entry(
              order("r8", Side.SELL, OrderType.MARKET, TimeInForce.IOC)
                  .setQuoteQuantity(9_000_000L),
              RejectReason.QUOTE_QUANTITY_NOT_ALLOWED));
      cases.add(
          Map.entry(
              order("r9", Side.BUY, OrderType.MARKET, TimeInForce.IOC)
                  .setPrice(P)
                  .setQuantity(1_000L),
              RejectReason.PRICE_NOT_ALLOWED));
      cases.add(
          Map.entry(
              order("r10", Side.BUY, OrderType.LIMIT_MAKER, TimeInForce.IOC)
                  .setPrice(P)
                  .setQuantity(1_000L),
              RejectReason.TIME_IN_FORCE_NOT_ALLOWED));
      cases.add(
          Map.entry(
              limit("r11", P, 1_000).setClientOrderId("not valid!"),
              RejectReason.CLIENT_ORDER_ID_INVALID));

      for (Map.Entry<NewOrder.Builder, RejectReason> c : cases) {
        NewOrder order = c.getKey().build();
        List<Object> out = d.apply(cmd.command(ALICE, order));

        assertThat(BookDriver.render(out))
            .containsExactly(order.getOrderId() + " REJECTED/REJECTED " + c.getValue() + " exec=0");
        OrderEvent e = (OrderEvent) out.get(0);
        assertThat(e.getPrice()).as("the command's price").isEqualTo(order.getPrice());
        assertThat(e.getQuantity()).isEqualTo(order.getQuantity());
        assertThat(e.getQuoteQuantity()).isEqualTo(order.getQuoteQuantity());
      }
      assertThat(bids()).isEmpty();
    }

    @Test
    void ordersOnTheFiltersAreAccepted() {
      assertThat(apply(cmd.command(ALICE, limit("ok", P, 500).build())))
          .containsExactly("ok NEW/NEW exec=0", "delta 1 bids=[500@10000] asks=[] top=500@10000/-");
    }

    NewOrder.Builder limit(String orderId, long price, long quantity) {
      return order(orderId, Side.BUY, OrderType.LIMIT, TimeInForce.GTC)
          .setPrice(price)
          .setQuantity(quantity);
    }
  }

  /**
   * The percent price band: a buy within 0.2 to 5 times the last trade price, a sell within 0.5 to
   * 4 times, so every bound has its own value.
   */
  @Nested
  class PercentPriceBand {

    static final PriceBand BAND = new PriceBand(50_000, 2_000, 40_000, 5_000);

    @BeforeEach
    void band() {
      d.apply(cmd.update(band(Commands.defaultFilters())));
    }

    InstrumentFilters band(InstrumentFilters filters) {
      return withBand(
          filters,
          BAND.bidMultiplierUp(),
          BAND.bidMultiplierDown(),
          BAND.askMultiplierUp(),
          BAND.askMultiplierDown());
    }

    /** A trade of 0.1 BTC at {@code price} between two accounts that keep nothing resting. */
    void tradeAt(long price) {
      d.apply(cmd.sell(CAROL, "t-s" + price, price, 1_000));
      assertThat(apply(cmd.buy(DAVE, "t-b" + price, price, 1_000)))
          .anyMatch(line -> line.startsWith("trade #") && line.contains(" 1000@" + price + " BUY"));
    }

    void rejected(OrderCommand order) {
      String id = ((NewOrder) order.getPayload()).getOrderId();
      assertThat(apply(order)).containsExactly(id + " REJECTED/REJECTED PRICE_OUT_OF_BAND exec=0");
    }

    /** Accepted and resting, then canceled so that it trades with nothing later. */
    void accepted(OrderCommand order) {
      NewOrder n = (NewOrder) order.getPayload();
      List<String> out = apply(order);
      assertThat(out).first().isEqualTo(n.getOrderId() + " NEW/NEW exec=0");
      assertThat(out).noneMatch(line -> line.startsWith("trade"));
      d.apply(cmd.cancel(ALICE, n.getOrderId()));
    }

    @Test
    void theInstrumentCarriesTheBand() {
      assertThat(d.book().instrument().priceBand()).isEqualTo(BAND);
    }

    @Test
    void beforeTheFirstTradeNoBandApplies() {
      accepted(cmd.buy(ALICE, "b1", 1, 1_000_000));
      accepted(cmd.sell(ALICE, "s1", 1_000 * P, 1_000));
      accepted(cmd.limitMaker(ALICE, "m1", Side.BUY, 1, 1_000_000));
    }

    @Test
    void aBuyIsAcceptedOnEachBoundAndRejectedOneTickBeyond() {
      tradeAt(P);

      accepted(cmd.buy(ALICE, "b1", 5 * P, 1_000));
      rejected(cmd.buy(ALICE, "b2", 5 * P + 1, 1_000));
      accepted(cmd.buy(ALICE, "b3", P / 5, 5_000));
      rejected(cmd.buy(ALICE, "b4", P / 5 - 1, 5_000));
      rejected(cmd.limitMaker(ALICE, "b5", Side.BUY, 5 * P + 1, 1_000));
      assertThat(bids()).isEmpty();
    }

    @Test
    void aSellIsAcceptedOnEachBoundAndRejectedOneTickBeyond() {
      tradeAt(P);

      accepted(cmd.sell(ALICE, "s1", 4 * P, 1_000));
      rejected(cmd.sell(ALICE, "s2", 4 * P + 1, 1_000));
      accepted(cmd.sell(ALICE, "s3", P / 2, 1_000));
      rejected(cmd.sell(ALICE, "s4", P / 2 - 1, 1_000));
      rejected(cmd.limit(ALICE, "s5", Side.SELL, P / 2 - 1, 1_000, TimeInForce.IOC));
      rejected(cmd.limitMaker(ALICE, "s6", Side.SELL, 4 * P + 1, 1_000));
      assertThat(asks()).isEmpty();
    }

    @Test
    void boundsBetweenTicksAreNotRounded() {
      tradeAt(P + 1);

      // 0.2 × 100.01 = 20.002, 0.5 × 100.01 = 50.005: the bound is exact, so the next tick inside
      // is the lowest price accepted
      rejected(cmd.buy(ALICE, "b1", 2_000, 5_000));
      accepted(cmd.buy(ALICE, "b2", 2_001, 5_000));
      rejected(cmd.sell(ALICE, "s1", 5_000, 1_000));
      accepted(cmd.sell(ALICE, "s2", 5_001, 1_000));
      accepted(cmd.buy(ALICE, "b3", 50_005, 1_000));
      rejected(cmd.buy(ALICE, "b4", 50_006, 1_000));
    }

    @Test
    void theBandFollowsTheLastTradePrice() {
      tradeAt(P);
      accepted(cmd.buy(ALICE, "b1", 2_000, 5_000));
      rejected(cmd.buy(ALICE, "b2", 10 * P, 1_000));

      tradeAt(2 * P);

      rejected(cmd.buy(ALICE, "b3", 2_000, 5_000));
      accepted(cmd.buy(ALICE, "b4", 10 * P, 1_000));
      rejected(cmd.buy(ALICE, "b5", 10 * P + 1, 1_000));
      accepted(cmd.sell(ALICE, "s1", P, 1_000));
      rejected(cmd.sell(ALICE, "s2", P - 1, 1_000));
    }

    @Test
    void marketOrdersAndRestingOrdersAreNotChecked() {
      d.apply(cmd.sell(ALICE, "far", 100 * P, 1_000));
      tradeAt(P);

      assertThat(apply(cmd.market(BOB, "m1", Side.BUY, 1_000)))
          .contains("trade #2 1000@1000000 BUY taker=m1 maker=far");
      assertThat(apply(cmd.sell(ALICE, "s1", 100 * P, 1_000)))
          .as("the market order's trade moved the reference")
          .first()
          .isEqualTo("s1 NEW/NEW exec=0");
    }

    @Test
    void anUpdateWithoutMultipliersKeepsTheBandAndOneWithThemReplacesIt() {
      tradeAt(P);

      d.apply(cmd.update(Commands.defaultFilters()));
      assertThat(d.book().instrument().priceBand()).isEqualTo(BAND);
      rejected(cmd.buy(ALICE, "b1", 5 * P + 1, 1_000));

      d.apply(cmd.update(withBand(Commands.defaultFilters(), 60_000, 0, 0, 0)));
      assertThat(d.book().instrument().priceBand())
          .isEqualTo(new PriceBand(60_000, 2_000, 40_000, 5_000));
      accepted(cmd.buy(ALICE, "b2", 6 * P, 1_000));
      rejected(cmd.buy(ALICE, "b3", 6 * P + 1, 1_000));
    }

    @Test
    void aMultiplierOutOfRangeIsAnInvalidInstrument() {
      assertThat(apply(cmd.update(withBand(Commands.defaultFilters(), 9_999, 0, 0, 0))))
          .containsExactly("refused INVALID_INSTRUMENT");
      assertThat(apply(cmd.update(withBand(Commands.defaultFilters(), 0, 10_001, 0, 0))))
          .containsExactly("refused INVALID_INSTRUMENT");
      assertThat(d.book().instrument().priceBand()).isEqualTo(BAND);
    }

    @Test
    void aRelistedSymbolHasNoReferencePriceUntilItTradesAgain() {
      tradeAt(P);
      d.apply(cmd.delist());

      d.apply(cmd.list(band(Commands.defaultFilters())));

      accepted(cmd.buy(ALICE, "b1", 10 * P, 1_000));
      tradeAt(P);
      rejected(cmd.buy(ALICE, "b2", 10 * P, 1_000));
    }
  }

  @Nested
  class Scales {

    @Test
    void amountsAtAFinerScaleWithTrailingZerosAreRescaled() {
      List<String> out =
          apply(
              cmd.newOrder(
                  ALICE,
                  order("b1", Side.BUY, OrderType.LIMIT, TimeInForce.GTC)
                      .setPrice(1_000_000L)
                      .setPriceScale(4)
                      .setQuantity(1_000_000L)
                      .setQuantityScale(6)));

      assertThat(out)
          .containsExactly(
              "b1 NEW/NEW exec=0", "delta 1 bids=[10000@10000] asks=[] top=10000@10000/-");
      OrderEvent e = d.lastEvent("b1");
      assertThat(e.getPrice()).isEqualTo(P);
      assertThat(e.getQuantity()).isEqualTo(Q);
      assertThat(e.getPriceScale()).isEqualTo(2);
      assertThat(e.getQuantityScale()).isEqualTo(4);
    }

    @Test
    void amountsAtACoarserScaleAreRescaled() {
      apply(
          cmd.newOrder(
              ALICE,
              order("b1", Side.BUY, OrderType.LIMIT, TimeInForce.GTC)
                  .setPrice(100L)
                  .setPriceScale(0)
                  .setQuantity(1L)
                  .setQuantityScale(0)));
      apply(
          cmd.newOrder(
              BOB,
              order("q1", Side.BUY, OrderType.MARKET, TimeInForce.IOC)
                  .setQuoteQuantity(1L)
                  .setPriceScale(0)
                  .setQuantityScale(0)));

      assertThat(bids()).containsExactly(level(P, Q));
      assertThat(d.lastEvent("q1").getQuoteQuantity()).isEqualTo(1_000_000L);
    }

    @Test
    void amountsThatAreNotRepresentableAreRefused() {
      assertThat(
              apply(
                  cmd.newOrder(
                      ALICE,
                      order("b1", Side.BUY, OrderType.LIMIT, TimeInForce.GTC)
                          .setPrice(1_000_001L)
                          .setPriceScale(4)
                          .setQuantity(Q))))
          .containsExactly("b1 REJECTED/REJECTED SCALE_MISMATCH exec=0");
      assertThat(
              apply(
                  cmd.newOrder(
                      ALICE,
                      order("b2", Side.BUY, OrderType.LIMIT, TimeInForce.GTC)
                          .setPrice(P)
                          .setQuantity(Q)
                          .setQuantityScale(19))))
          .containsExactly("b2 REJECTED/REJECTED SCALE_MISMATCH exec=0");
      assertThat(
              apply(
                  cmd.newOrder(
                      ALICE,
                      order("b3", Side.BUY, OrderType.LIMIT, TimeInForce.GTC)
                          .setPrice(Long.MAX_VALUE / 5)
                          .setPriceScale(1)
                          .setQuantity(Q))))
          .as("scaling up overflows")
          .containsExactly("b3 REJECTED/REJECTED SCALE_MISMATCH exec=0");
      assertThat(bids()).isEmpty();
    }
  }

  @Nested
  class InstrumentLifeCycle {

    @Test
    void haltRefusesNewOrdersButAcceptsCancels() {
      d.apply(cmd.buy(ALICE, "b1", P, 1_000));

      assertThat(apply(cmd.halt())).containsExactly("instrument v2 HALTED");
      assertThat(d.book().instrument().status()).isEqualTo(InstrumentStatus.HALTED);
      assertThat(apply(cmd.sell(BOB, "s1", P, 1_000)))
          .containsExactly("s1 REJECTED/REJECTED SYMBOL_HALTED exec=0");
      assertThat(apply(cmd.halt())).containsExactly("refused INSTRUMENT_TRANSITION");
      assertThat(apply(cmd.cancel(ALICE, "b1")))
          .containsExactly("b1 CANCELED/CANCELED exec=0", "delta 2 bids=[0@10000] asks=[] top=-/-");

      assertThat(apply(cmd.resume())).containsExactly("instrument v3 TRADING");
      assertThat(apply(cmd.resume())).containsExactly("refused INSTRUMENT_TRANSITION");
      assertThat(apply(cmd.sell(BOB, "s1", P, 1_000)))
          .containsExactly(
              "s1 NEW/NEW exec=0", "delta 3 bids=[] asks=[1000@10000] top=-/1000@10000");
    }

    @Test
    void haltKeepsTheBook() {
      d.applyAll(cmd.buy(ALICE, "b1", P, 1_000), cmd.halt());

      assertThat(bids()).containsExactly(level(P, 1_000));
      assertThat(apply(cmd.cancelAll(ALICE)))
          .containsExactly("b1 CANCELED/CANCELED exec=0", "delta 2 bids=[0@10000] asks=[] top=-/-");
    }

    @Test
    void updateReplacesFiltersAndKeepsRestingOrders() {
      d.apply(cmd.buy(ALICE, "b1", P + 1, 1_000));

      assertThat(apply(cmd.update(filters(5, 1, 1, 1_000 * Q, 1_000_000, 5))))
          .containsExactly("instrument v2 TRADING");
      assertThat(d.book().instrument().tickSize()).isEqualTo(5);
      assertThat(restingIds(Side.BUY)).containsExactly("b1");
      assertThat(apply(cmd.buy(BOB, "b2", P + 1, 1_000)))
          .containsExactly("b2 REJECTED/REJECTED PRICE_NOT_ON_TICK exec=0");
      assertThat(apply(cmd.sell(BOB, "s1", P, 1_000)))
          .as("the off-tick order still trades, at its own price")
          .containsExactly(
              "s1 NEW/NEW exec=0",
              "trade #1 1000@10001 SELL taker=s1 maker=b1",
              "s1 TRADE/FILLED exec=1000 fill=1000@10001 #1",
              "b1 TRADE/FILLED exec=1000 fill=1000@10001 #1 maker",
              "delta 2 bids=[0@10001] asks=[] top=-/-");
    }

    @Test
    void updateWhileHaltedKeepsTheStatusAndInvalidFiltersAreRefused() {
      d.apply(cmd.halt());

      assertThat(apply(cmd.update(filters(5, 1, 1, 1_000 * Q, 1_000_000, 5))))
          .containsExactly("instrument v3 HALTED");
      assertThat(apply(cmd.update(filters(5, 0, 1, 1_000 * Q, 1_000_000, 5))))
          .containsExactly("refused INVALID_INSTRUMENT");
      assertThat(d.book().instrument().stepSize()).isEqualTo(1);
    }

    @Test
    void delistCancelsEveryRestingOrderInArrivalOrder() {
      d.applyAll(
          cmd.buy(ALICE, "b1", P - 100, 1_000),
          cmd.sell(BOB, "s1", P + 100, 1_000),
          cmd.buy(ALICE, "b2", P - 200, 1_000));

      assertThat(apply(cmd.delist()))
          .containsExactly(
              "b1 CANCELED/CANCELED INSTRUMENT_DELISTED exec=0",
              "s1 CANCELED/CANCELED INSTRUMENT_DELISTED exec=0",
              "b2 CANCELED/CANCELED INSTRUMENT_DELISTED exec=0",
              "delta 4 bids=[0@9900,0@9800] asks=[0@10100] top=-/-",
              "instrument v2 DELISTED",
              "snapshot 4 bids=[] asks=[]");
      assertThat(bids()).isEmpty();
      assertThat(asks()).isEmpty();
      assertThat(apply(cmd.buy(ALICE, "b3", P, 1_000)))
          .containsExactly("b3 REJECTED/REJECTED SYMBOL_NOT_TRADING exec=0");
      assertThat(apply(cmd.halt())).containsExactly("refused INSTRUMENT_TRANSITION");
      assertThat(apply(cmd.resume())).containsExactly("refused INSTRUMENT_TRANSITION");
      assertThat(apply(cmd.update(Commands.defaultFilters())))
          .containsExactly("refused INSTRUMENT_TRANSITION");
      assertThat(apply(cmd.delist())).containsExactly("refused INSTRUMENT_TRANSITION");
      assertThat(apply(cmd.cancel(ALICE, "b1"))).containsExactly("refused UNKNOWN_ORDER");
    }

    @Test
    void aDelistedSymbolCanBeListedAgainAndCountersGoOn() {
      d.applyAll(cmd.buy(ALICE, "b1", P, 1_000), cmd.delist());

      assertThat(apply(cmd.list(filters(1, 1, 1, 1_000 * Q, 0, 3))))
          .containsExactly("instrument v3 TRADING", "snapshot 2 bids=[] asks=[]");
      assertThat(d.book().instrument().maxOpenOrders()).isEqualTo(3);
      assertThat(apply(cmd.buy(ALICE, "b1", P, 1_000)))
          .containsExactly(
              "b1 NEW/NEW exec=0", "delta 3 bids=[1000@10000] asks=[] top=1000@10000/-");
      assertThat(d.book().restingOrders(Side.BUY).get(0).arrival()).isEqualTo(2);
      assertThat(d.lastEvent("b1").getSequence()).isEqualTo(3);
    }

    @Test
    void delistingAnEmptyBookEmitsNoDelta() {
      assertThat(apply(cmd.delist()))
          .containsExactly("instrument v2 DELISTED", "snapshot 0 bids=[] asks=[]");
    }
  }

  @Nested
  class Time {

    @Test
    void anOlderTimestampDoesNotMoveTimeBackwards() {
      d.apply(cmd.at(START + 1_000).buy(ALICE, "b1", P, 1_000));

      List<Object> out = d.apply(cmd.at(START + 500).sell(BOB, "s1", P, 1_000));

      assertThat(((Trade) out.get(1)).getTime()).isEqualTo(START + 1_000);
      assertThat(d.lastEvent("s1").getTime()).isEqualTo(START + 1_000);
      assertThat(d.lastEvent("s1").getCreatedTime()).isEqualTo(START + 1_000);
      assertThat(d.lastEvent("b1").getCreatedTime()).isEqualTo(START + 1_000);

      d.apply(cmd.at(START + 2_000).buy(CAROL, "b2", P, 1_000));
      assertThat(d.lastEvent("b2").getTime()).isEqualTo(START + 2_000);
    }

    @Test
    void rejectionsAndInstrumentRecordsUseTheMatchTime() {
      d.apply(cmd.at(START + 1_000).halt());

      List<Object> out = d.apply(cmd.at(START + 10).buy(ALICE, "b1", P, 1_000));

      assertThat(((OrderEvent) out.get(0)).getTime()).isEqualTo(START + 1_000);
      assertThat(((OrderEvent) out.get(0)).getCreatedTime()).isEqualTo(START + 1_000);
    }
  }

  @Nested
  class Snapshots {

    @Test
    void aSnapshotFollowsEveryDeltaWhoseUpdateIdIsAMultipleOfTheInterval() {
      BookDriver s = driver(3);
      Commands c = new Commands();
      assertThat(BookDriver.render(s.apply(c.list())))
          .containsExactly("instrument v1 TRADING", "snapshot 0 bids=[] asks=[]");

      assertThat(BookDriver.render(s.apply(c.buy(ALICE, "b1", P, 1_000)))).hasSize(2);
      assertThat(BookDriver.render(s.apply(c.sell(BOB, "s1", P + 100, 1_000)))).hasSize(2);
      assertThat(s.apply(c.buy(ALICE, "x", P, 0))).as("no delta, no update id").hasSize(1);
      assertThat(BookDriver.render(s.apply(c.buy(CAROL, "b2", P - 100, 2_000))))
          .containsExactly(
              "b2 NEW/NEW exec=0",
              "delta 3 bids=[2000@9900] asks=[] top=1000@10000/1000@10100",
              "snapshot 3 bids=[1000@10000,2000@9900] asks=[1000@10100]");
      assertThat(BookDriver.render(s.apply(c.cancel(ALICE, "b1")))).hasSize(2);
      assertThat(BookDriver.render(s.apply(c.cancel(BOB, "s1")))).hasSize(2);
      assertThat(BookDriver.render(s.apply(c.delist())))
          .as("one snapshot although the delist delta reaches a multiple")
          .containsExactly(
              "b2 CANCELED/CANCELED INSTRUMENT_DELISTED exec=0",
              "delta 6 bids=[0@9900] asks=[] top=-/-",
              "instrument v2 DELISTED",
              "snapshot 6 bids=[] asks=[]");
    }
  }

  @Nested
  class SnapshotSize {

    /**
     * A book deeper than a snapshot holds: the snapshot keeps the best levels and stays far under
     * the broker's record limit. Applied without {@link BookDriver}, whose mirror is rebuilt from
     * whole-book snapshots.
     */
    @Test
    void aSnapshotHoldsTheBestLevelsOfEachSideUpToItsLimit() {
      int deep = Events.SNAPSHOT_LEVELS + 1;
      OrderBook book = newBook(Commands.SYMBOL, 2 * deep);
      Commands c = new Commands();
      CollectingOutput out = new CollectingOutput();
      book.apply(c.list(filters(1, 1, 1, 1_000 * Q, 0, deep)), out);
      for (int i = 0; i < deep; i++) {
        out = new CollectingOutput();
        book.apply(c.buy(ALICE, "b" + i, P + i, 1), out);
        book.apply(c.sell(BOB, "s" + i, 3 * P - i, 1), out);
      }

      BookSnapshot snapshot =
          out.all().stream()
              .filter(BookSnapshot.class::isInstance)
              .map(BookSnapshot.class::cast)
              .findFirst()
              .orElseThrow();
      assertThat(book.levels(Side.BUY)).hasSize(deep);
      assertThat(snapshot.getBids()).hasSize(Events.SNAPSHOT_LEVELS);
      assertThat(snapshot.getBids().get(0).getPrice()).isEqualTo(P + deep - 1);
      assertThat(snapshot.getBids().get(Events.SNAPSHOT_LEVELS - 1).getPrice()).isEqualTo(P + 1);
      assertThat(snapshot.getAsks()).hasSize(Events.SNAPSHOT_LEVELS);
      assertThat(snapshot.getAsks().get(0).getPrice()).isEqualTo(3 * P - deep + 1);
      assertThat(EventSerde.encode(snapshot).length).isLessThan(200_000);
    }
  }

  @Nested
  class Overflow {

    /** Price and quantity scale 0, so that notionals near Long.MAX_VALUE are easy to write. */
    @Test
    void aTakerWhoseQuoteWouldOverflowStopsAndExpires() {
      BookDriver big = driver(NO_SNAPSHOTS);
      Commands c = new Commands();
      long price = 4_000_000_000_000_000_000L;
      big.applyAll(
          c.list(0, 0, filters(1, 1, 1, 10, 0, 5)),
          scale0(c.buy(BOB, "b1", price, 1)),
          scale0(c.buy(BOB, "b2", price, 1)),
          scale0(c.buy(CAROL, "b3", price, 1)));

      List<Object> out = big.apply(scale0(c.sell(ALICE, "s1", 1, 3)));

      assertThat(BookDriver.render(out))
          .containsExactly(
              "s1 NEW/NEW exec=0",
              "trade #1 1@4000000000000000000 SELL taker=s1 maker=b1",
              "s1 TRADE/PARTIALLY_FILLED exec=1 fill=1@4000000000000000000 #1",
              "b1 TRADE/FILLED exec=1 fill=1@4000000000000000000 #1 maker",
              "trade #2 1@4000000000000000000 SELL taker=s1 maker=b2",
              "s1 TRADE/PARTIALLY_FILLED exec=2 fill=1@4000000000000000000 #2",
              "b2 TRADE/FILLED exec=1 fill=1@4000000000000000000 #2 maker",
              "s1 EXPIRED/EXPIRED NOTIONAL_OVERFLOW exec=2",
              "delta 4 bids=[1@4000000000000000000] asks=[] top=1@4000000000000000000/-");
      assertThat(big.book().restingOrders(Side.SELL)).isEmpty();
      assertThat(big.lastEvent("s1").getCumulativeQuote()).isEqualTo(2 * price);
    }

    private OrderCommand scale0(OrderCommand c) {
      NewOrder n = (NewOrder) c.getPayload();
      return OrderCommand.newBuilder(c)
          .setPayload(NewOrder.newBuilder(n).setPriceScale(0).setQuantityScale(0).build())
          .build();
    }
  }

  /** Fees per fill and side, rounded up at the received asset's scale. */
  @Nested
  class Fees {

    BookDriver fees(int baseAssetScale, int quoteAssetScale, int makerFeeBps, int takerFeeBps) {
      cmd = new Commands();
      d = driver(NO_SNAPSHOTS);
      d.apply(cmd.listWithFees(baseAssetScale, quoteAssetScale, makerFeeBps, takerFeeBps));
      return d;
    }

    List<OrderEvent> trades(List<Object> out) {
      return out.stream()
          .filter(OrderEvent.class::isInstance)
          .map(OrderEvent.class::cast)
          .filter(e -> e.getExecutionType() == ExecutionType.TRADE)
          .toList();
    }

    static String fee(OrderEvent e) {
      return e.getOrderId()
          + " "
          + e.getCommission()
          + " "
          + e.getCommissionAsset()
          + "@"
          + e.getCommissionScale();
    }

    @Test
    void aTakingBuyerPaysTheTakerRateInBaseAndTheRestingSellerTheMakerRateInQuote() {
      fees(8, 8, 10, 20);
      d.apply(cmd.sell(ALICE, "s1", P, Q));

      List<Object> out = d.apply(cmd.buy(BOB, "b1", P, Q));

      // b1 receives 1 BTC = 100000000 at scale 8, 20 bps: 200000 (0.002 BTC).
      // s1 receives 100.00 USDT = 10000000000 at scale 8, 10 bps: 10000000 (0.1 USDT).
      assertThat(trades(out).stream().map(Fees::fee))
          .containsExactly("b1 200000 BTC@8", "s1 10000000 USDT@8");
    }

    @Test
    void aRestingBuyerPaysTheMakerRateAndATakingSellerTheTakerRate() {
      fees(8, 8, 10, 20);
      d.apply(cmd.buy(BOB, "b1", P, Q));

      List<Object> out = d.apply(cmd.sell(ALICE, "s1", P, Q));

      assertThat(trades(out).stream().map(Fees::fee))
          .containsExactly("s1 20000000 USDT@8", "b1 100000 BTC@8");
    }

    @Test
    void feesAreRoundedUpAndUnknownAssetScalesUseTheInstruments() {
      fees(0, 0, 3, 3);
      d.apply(cmd.sell(ALICE, "s1", P, 101));

      List<Object> out = d.apply(cmd.buy(BOB, "b1", P, 101));

      // b1 receives 101 at quantity scale 4: 101 × 3 / 10000 = 0.0303, rounded up to 1.
      // s1 receives 1010000 at notional scale 6: 1010000 × 3 / 10000 = 303 exactly.
      assertThat(trades(out).stream().map(Fees::fee))
          .containsExactly("b1 1 BTC@4", "s1 303 USDT@6");
    }

    @Test
    void zeroRatesChargeNothingButNameTheReceivedAsset() {
      d.apply(cmd.sell(ALICE, "s1", P, Q));

      List<Object> out = d.apply(cmd.buy(BOB, "b1", P, Q));

      assertThat(trades(out).stream().map(Fees::fee)).containsExactly("b1 0 BTC@4", "s1 0 USDT@6");
    }

    @Test
    void reportsOtherThanTradesCarryNoCommission() {
      fees(8, 8, 10, 20);
      d.apply(cmd.sell(ALICE, "s1", P, Q));

      List<Object> out = d.apply(cmd.limit(BOB, "b1", Side.BUY, P, 2 * Q, TimeInForce.IOC));

      List<OrderEvent> others =
          out.stream()
              .filter(OrderEvent.class::isInstance)
              .map(OrderEvent.class::cast)
              .filter(e -> e.getExecutionType() != ExecutionType.TRADE)
              .toList();
      assertThat(others.stream().map(Fees::fee)).containsExactly("b1 0 null@0", "b1 0 null@0");
    }

    @Test
    void eachFillOfASweepIsChargedSeparately() {
      fees(0, 0, 0, 1);
      d.applyAll(cmd.sell(ALICE, "s1", P, 101), cmd.sell(CAROL, "s2", P, 101));

      List<Object> out = d.apply(cmd.buy(BOB, "b1", P, 202));

      // Per fill: 101 × 1 / 10000 rounds up to 1, twice (not 202 × 1 / 10000 once).
      assertThat(trades(out).stream().map(Fees::fee))
          .containsExactly("b1 1 BTC@4", "s1 0 USDT@6", "b1 1 BTC@4", "s2 0 USDT@6");
    }

    @Test
    void anUpdateChangesTheGivenRatesAndKeepsTheOthers() {
      fees(8, 8, 10, 20);
      d.apply(cmd.updateFees(50, null));
      assertThat(d.book().instrument().makerFeeBps()).isEqualTo(50);
      assertThat(d.book().instrument().takerFeeBps()).isEqualTo(20);
      d.apply(cmd.sell(ALICE, "s1", P, Q));

      List<Object> out = d.apply(cmd.buy(BOB, "b1", P, Q));

      assertThat(trades(out).stream().map(Fees::fee))
          .containsExactly("b1 200000 BTC@8", "s1 50000000 USDT@8");
    }

    @Test
    void theListingCarriesScalesAndRates() {
      InstrumentSpec spec = fees(8, 10, 10, 20).book().instrument();
      assertThat(spec.baseAssetScale()).isEqualTo(8);
      assertThat(spec.quoteAssetScale()).isEqualTo(10);
      assertThat(spec.makerFeeBps()).isEqualTo(10);
      assertThat(spec.takerFeeBps()).isEqualTo(20);
    }

    @Test
    void aFeeThatDoesNotFitALongStopsMatchingLikeANotionalOverflow() {
      // Quote fees at scale 18: 100.00 USDT is 10^20 units, beyond a long.
      fees(8, 18, 10, 20);
      d.apply(cmd.sell(ALICE, "s1", P, Q));

      assertThat(apply(cmd.buy(BOB, "b1", P, Q)))
          .containsExactly("b1 NEW/NEW exec=0", "b1 EXPIRED/EXPIRED NOTIONAL_OVERFLOW exec=0");
      assertThat(asks()).containsExactly(level(P, Q));
    }

    @Test
    void basisPointsOfTheLargestAmountDoNotOverflow() {
      assertThat(Events.ceilBasisPoints(Long.MAX_VALUE, 1000)).isEqualTo(922_337_203_685_477_581L);
      assertThat(Events.ceilBasisPoints(0, 1000)).isZero();
      assertThat(Events.ceilBasisPoints(9_999, 1)).isEqualTo(1);
      assertThat(Events.ceilBasisPoints(10_000, 1)).isEqualTo(1);
      assertThat(Events.ceilBasisPoints(10_001, 1)).isEqualTo(2);
    }
  }

  /** Orders the accounts job refused: REJECTED with its reason, nothing else. */
  @Nested
  class PreRejected {

    @Test
    void aPreRejectedOrderIsRejectedWithItsReasonInTheSymbolsSequence() {
      d.apply(cmd.sell(ALICE, "s1", P, Q));
      long sequence = d.lastEvent("s1").getSequence();

      List<Object> out =
          d.apply(
              cmd.newOrder(
                  BOB,
                  order("b1", Side.BUY, OrderType.LIMIT, TimeInForce.GTC)
                      .setPrice(P)
                      .setQuantity(Q)
                      .setRejectReason(RejectReason.INSUFFICIENT_BALANCE.name())));

      assertThat(BookDriver.render(out))
          .containsExactly("b1 REJECTED/REJECTED INSUFFICIENT_BALANCE exec=0");
      assertThat(((OrderEvent) out.get(0)).getSequence()).isEqualTo(sequence + 1);
      assertThat(asks()).containsExactly(level(P, Q));
      assertThat(bids()).isEmpty();
    }

    @Test
    void anUnknownReasonIsAMalformedCommand() {
      assertThat(
              apply(
                  cmd.newOrder(
                      BOB,
                      order("b1", Side.BUY, OrderType.LIMIT, TimeInForce.GTC)
                          .setPrice(P)
                          .setQuantity(Q)
                          .setRejectReason("NO_SUCH_REASON"))))
          .containsExactly("refused MALFORMED_COMMAND");
      assertThat(bids()).isEmpty();
    }
  }

  /** A market buy by quantity never spends more than its quoteLimit. */
  @Nested
  class QuoteLimit {

    @BeforeEach
    void book() {
      d.applyAll(cmd.sell(ALICE, "s1", P, 300), cmd.sell(BOB, "s2", P + 100, 1_000));
    }

    @Test
    void theFillStopsBeforeTheLimitAndTheRestExpiresForInsufficientBalance() {
      // s1: 300 for 3.00; 1.50 left buys 148 at 101.00 (1.4948), not 149 (1.5049).
      List<String> out = apply(cmd.marketBuyWithQuoteLimit(CAROL, "q1", 2_000, 4_500_000));

      assertThat(out)
          .containsExactly(
              "q1 NEW/NEW exec=0",
              "trade #1 300@10000 BUY taker=q1 maker=s1",
              "q1 TRADE/PARTIALLY_FILLED exec=300 fill=300@10000 #1",
              "s1 TRADE/FILLED exec=300 fill=300@10000 #1 maker",
              "trade #2 148@10100 BUY taker=q1 maker=s2",
              "q1 TRADE/PARTIALLY_FILLED exec=448 fill=148@10100 #2",
              "s2 TRADE/PARTIALLY_FILLED exec=148 fill=148@10100 #2 maker",
              "q1 EXPIRED/EXPIRED INSUFFICIENT_BALANCE exec=448",
              "delta 3 bids=[] asks=[0@10000,852@10100] top=-/852@10100");
      assertThat(d.lastEvent("q1").getCumulativeQuote()).isEqualTo(4_494_800L);
    }

    @Test
    void fillsAtWholeSteps() {
      d.apply(cmd.update(filters(1, 100, 100, 1_000 * Q, 500_000, 5)));

      apply(cmd.marketBuyWithQuoteLimit(CAROL, "q1", 2_000, 4_500_000));

      // 1.50 left at 101.00 buys 148, rounded down to the step: 100.
      assertThat(d.lastEvent("q1").getExecutedQuantity()).isEqualTo(400);
      assertThat(d.lastEvent("q1").getRejectReason())
          .isEqualTo(RejectReason.INSUFFICIENT_BALANCE.name());
    }

    @Test
    void aLimitThatCoversTheOrderFillsIt() {
      assertThat(apply(cmd.marketBuyWithQuoteLimit(CAROL, "q1", 300, 3_000_000)))
          .containsExactly(
              "q1 NEW/NEW exec=0",
              "trade #1 300@10000 BUY taker=q1 maker=s1",
              "q1 TRADE/FILLED exec=300 fill=300@10000 #1",
              "s1 TRADE/FILLED exec=300 fill=300@10000 #1 maker",
              "delta 3 bids=[] asks=[0@10000] top=-/1000@10100");
    }

    @Test
    void aLimitTooSmallForOneStepExpiresTheWholeOrder() {
      assertThat(apply(cmd.marketBuyWithQuoteLimit(CAROL, "q1", 300, 9_999)))
          .containsExactly("q1 NEW/NEW exec=0", "q1 EXPIRED/EXPIRED INSUFFICIENT_BALANCE exec=0");
      assertThat(asks()).containsExactly(level(P, 300), level(P + 100, 1_000));
    }

    @Test
    void whenTheBookRunsOutFirstTheRestExpiresAsUsual() {
      assertThat(apply(cmd.marketBuyWithQuoteLimit(CAROL, "q1", 5_000, 1_000_000_000)))
          .endsWith(
              "q1 EXPIRED/EXPIRED exec=1300", "delta 3 bids=[] asks=[0@10000,0@10100] top=-/-");
    }
  }
}
