package dev.exchange.relay;

import dev.exchange.model.EventSerde;
import dev.exchange.model.Topics;
import dev.exchange.model.avro.BookDelta;
import dev.exchange.model.avro.BookSnapshot;
import dev.exchange.model.avro.Instrument;
import dev.exchange.model.avro.InstrumentFilters;
import dev.exchange.model.avro.InstrumentStatus;
import dev.exchange.model.avro.PriceLevel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Writes records onto the exchange topics as the matching job would (no job needed). */
final class Feed implements AutoCloseable {

  static final int PRICE_SCALE = 2;
  static final int QUANTITY_SCALE = 3;

  private final KafkaProducer<byte[], byte[]> producer;

  Feed(String bootstrapServers) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.ACKS_CONFIG, "1");
    p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    producer = new KafkaProducer<>(p);
  }

  void send(String topic, String symbol, SpecificRecord record) {
    producer.send(
        new ProducerRecord<>(
            topic, symbol.getBytes(StandardCharsets.UTF_8), EventSerde.encode(record)));
  }

  void flush() {
    producer.flush();
  }

  void instrument(String symbol) {
    send(
        Topics.INSTRUMENTS,
        symbol,
        Instrument.newBuilder()
            .setSymbol(symbol)
            .setBaseAsset(symbol.substring(0, symbol.length() - 4))
            .setQuoteAsset("USDT")
            .setStatus(InstrumentStatus.TRADING)
            .setPriceScale(PRICE_SCALE)
            .setQuantityScale(QUANTITY_SCALE)
            .setFilters(new InstrumentFilters(1L, 1L, 1L, 1_000_000_000L, 0L, 100, 0, 0, 0, 0))
            .setVersion(1L)
            .setUpdatedTime(0L)
            .build());
  }

  @Override
  public void close() {
    producer.close();
  }

  /** A reference L2 book that produces random deltas and snapshots with gapless ids. */
  static final class Book {
    final String symbol;
    final TreeMap<Long, Long> bids = new TreeMap<>(Comparator.reverseOrder());
    final TreeMap<Long, Long> asks = new TreeMap<>();
    final Random random;
    long lastId;

    Book(String symbol, long seed) {
      this.symbol = symbol;
      this.random = new Random(seed);
    }

    /** Fills {@code levels} levels per side. */
    Book seed(int levels) {
      for (int i = 0; i < levels; i++) {
        bids.put(10_000L - i, 1_000L + i);
        asks.put(10_001L + i, 1_000L + i);
      }
      return this;
    }

    BookSnapshot snapshot() {
      return new BookSnapshot(
          symbol, lastId, lastId, list(bids), list(asks), PRICE_SCALE, QUANTITY_SCALE);
    }

    /** The next delta: 1 to 3 random level changes, absolute quantities, 0 removes. */
    BookDelta next() {
      lastId++;
      TreeMap<Long, Long> bidChanges = new TreeMap<>(Comparator.reverseOrder());
      TreeMap<Long, Long> askChanges = new TreeMap<>();
      int n = 1 + random.nextInt(3);
      for (int i = 0; i < n; i++) {
        boolean bid = random.nextBoolean();
        TreeMap<Long, Long> side = bid ? bids : asks;
        long price = bid ? 9_900L + random.nextInt(101) : 10_001L + random.nextInt(100);
        long qty = side.containsKey(price) && random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(9999);
        if (qty == 0) {
          side.remove(price);
        } else {
          side.put(price, qty);
        }
        (bid ? bidChanges : askChanges).put(price, qty);
      }
      return new BookDelta(
          symbol,
          lastId,
          lastId,
          lastId,
          list(bidChanges),
          list(askChanges),
          null,
          null,
          PRICE_SCALE,
          QUANTITY_SCALE);
    }

    private static List<PriceLevel> list(TreeMap<Long, Long> side) {
      List<PriceLevel> out = new ArrayList<>();
      side.forEach((p, q) -> out.add(new PriceLevel(p, q)));
      return out;
    }
  }
}
