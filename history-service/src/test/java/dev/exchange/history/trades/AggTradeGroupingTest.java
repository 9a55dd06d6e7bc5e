package dev.exchange.history.trades;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exchange.history.rows.TradeRow;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Binance aggregation: same taker order, same price, same time, consecutive ids. */
class AggTradeGroupingTest {

  private static TradeRow trade(long id, long time, String price, String qty, String taker) {
    return new TradeRow(
        id,
        time,
        new BigDecimal(price),
        new BigDecimal(qty),
        new BigDecimal(price).multiply(new BigDecimal(qty)),
        true,
        taker,
        2,
        5);
  }

  @Test
  void groupsOnlyConsecutiveTradesOfOneTakerAtOnePriceAndTime() {
    List<AggTrade> groups =
        AggTradeService.group(
            List.of(
                trade(10, 1000, "1.00", "0.5", "A"),
                trade(11, 1000, "1.00", "0.25", "A"),
                trade(12, 1000, "1.01", "1", "A"),
                trade(13, 1000, "1.01", "1", "B"),
                trade(14, 1001, "1.01", "1", "B")));
    assertThat(groups)
        .extracting(AggTrade::id, AggTrade::firstTradeId, AggTrade::lastTradeId)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(10L, 10L, 11L),
            org.assertj.core.groups.Tuple.tuple(12L, 12L, 12L),
            org.assertj.core.groups.Tuple.tuple(13L, 13L, 13L),
            org.assertj.core.groups.Tuple.tuple(14L, 14L, 14L));
    assertThat(groups.get(0).quantity()).isEqualByComparingTo("0.75");
  }
}
