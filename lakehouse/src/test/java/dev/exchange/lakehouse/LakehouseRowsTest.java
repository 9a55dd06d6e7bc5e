package dev.exchange.lakehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.exchange.lakehouse.LakehouseRows.UnsupportedRecordException;
import dev.exchange.lakehouse.testing.SampleRecords;
import dev.exchange.model.avro.Candle;
import dev.exchange.model.avro.OrderEvent;
import dev.exchange.model.avro.Trade;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;

class LakehouseRowsTest {

  @Test
  void moneyIsExactWithTheColumnScaleAtTheExtremes() {
    assertThat(LakehouseRows.money(Long.MAX_VALUE, 18))
        .isEqualTo(new BigDecimal("9.223372036854775807"));
    assertThat(LakehouseRows.money(Long.MIN_VALUE, 0))
        .isEqualTo(new BigDecimal("-9223372036854775808.000000000000000000"));
    assertThat(LakehouseRows.money(1, 18).toPlainString()).isEqualTo("0.000000000000000001");
    assertThat(LakehouseRows.money(Long.MAX_VALUE, 0).precision()).isLessThanOrEqualTo(38);
  }

  @Test
  void tradeColumnsCarryTheFixedPointValuesExactly() {
    Trade t = SampleRecords.trade("BTCUSDT", 7, 1_700_000_000_123L, 6_512_345, 12_345_678);
    Record r = LakehouseRows.trade(t);

    assertThat(r.getField("price")).isEqualTo(new BigDecimal("65123.450000000000000000"));
    assertThat(r.getField("quantity")).isEqualTo(new BigDecimal("0.123456780000000000"));
    assertThat(r.getField("quote_quantity")).isEqualTo(new BigDecimal("8039.931439491000000000"));
    assertThat(r.getField("time")).isEqualTo(OffsetDateTime.parse("2023-11-14T22:13:20.123Z"));
    assertThat(r.getField("taker_side")).isEqualTo("SELL");
    assertThat(r.getField("price_scale")).isEqualTo(2);
  }

  @Test
  void scalesThatDoNotFitAreRejectedWithTheReason() {
    Trade t = SampleRecords.trade("BTCUSDT", 1, 0, 1, 1);
    t.setPriceScale(10);
    t.setQuantityScale(9);

    assertThatThrownBy(() -> LakehouseRows.trade(t))
        .isInstanceOf(UnsupportedRecordException.class)
        .hasMessage(
            "trade BTCUSDT/1: price scale 10 + quantity scale 9 does not fit decimal(38,18) exactly");
    t.setPriceScale(-1);
    t.setQuantityScale(2);
    assertThatThrownBy(() -> LakehouseRows.trade(t)).hasMessageContaining("price scale -1");
  }

  @Test
  void onlyClosedMinuteCandlesAreAccepted() {
    Candle open = SampleRecords.closedMinute("ETHUSDT", 60_000, 100, 1, 1);
    open.setClosed(false);
    Candle hour = SampleRecords.closedMinute("ETHUSDT", 0, 100, 1, 1);
    hour.setInterval("1h");

    assertThatThrownBy(() -> LakehouseRows.candle1m(open))
        .isInstanceOf(UnsupportedRecordException.class)
        .hasMessage(
            "candle ETHUSDT/1m/60000: candles_1m holds closed 1m candles only (closed=false)");
    assertThatThrownBy(() -> LakehouseRows.candle1m(hour))
        .hasMessageContaining("candle ETHUSDT/1h/0");
    assertThat(LakehouseRows.isClosedMinute(SampleRecords.closedMinute("E", 0, 1, 1, 1))).isTrue();
  }

  @Test
  void onlyClosedHourCandlesAreAcceptedIntoCandles1h() {
    Candle hour = SampleRecords.closedHour("ETHUSDT", 3_600_000, 100, 1, 1);
    Candle open = SampleRecords.closedHour("ETHUSDT", 3_600_000, 100, 1, 1);
    open.setClosed(false);
    Candle minute = SampleRecords.closedMinute("ETHUSDT", 60_000, 100, 1, 1);

    Record r = LakehouseRows.candle1h(hour);
    assertThat(r.struct()).isEqualTo(LakehouseTables.CANDLES_1H_SCHEMA.asStruct());
    assertThat(r.getField("open_time")).isEqualTo(OffsetDateTime.parse("1970-01-01T01:00:00Z"));
    assertThat(r.getField("close_time"))
        .isEqualTo(OffsetDateTime.parse("1970-01-01T01:59:59.999Z"));
    assertThat(r.getField("open")).isEqualTo(new BigDecimal("1.000000000000000000"));
    assertThat(LakehouseRows.isClosedHour(hour)).isTrue();
    assertThat(LakehouseRows.isClosedHour(minute)).isFalse();
    assertThatThrownBy(() -> LakehouseRows.candle1h(open))
        .isInstanceOf(UnsupportedRecordException.class)
        .hasMessage(
            "candle ETHUSDT/1h/3600000: candles_1h holds closed 1h candles only (closed=false)");
    assertThatThrownBy(() -> LakehouseRows.candle1h(minute))
        .hasMessage(
            "candle ETHUSDT/1m/60000: candles_1h holds closed 1h candles only (closed=true)");
  }

  @Test
  void absentOptionalValuesStayNull() {
    OrderEvent e = SampleRecords.fill("BTCUSDT", 3, 1_000, "o-1", 100, 5);
    e.setPrice(null);
    e.setTradeId(null);
    Record r = LakehouseRows.orderEvent(e);

    assertThat(r.getField("price")).isNull();
    assertThat(r.getField("trade_id")).isNull();
    assertThat(r.getField("quote_quantity")).isNull();
    assertThat(r.getField("reject_reason")).isNull();
    assertThat(r.getField("created_at")).isEqualTo(OffsetDateTime.parse("1970-01-01T00:00:00Z"));
  }
}
