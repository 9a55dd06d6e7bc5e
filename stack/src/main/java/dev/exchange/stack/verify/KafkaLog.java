package dev.exchange.stack.verify;

import dev.exchange.model.EventSerde;
import dev.exchange.model.KafkaConnection;
import dev.exchange.model.Topics;
import dev.exchange.model.avro.BalanceEvent;
import dev.exchange.model.avro.OrderCommand;
import dev.exchange.model.avro.OrderEvent;
import dev.exchange.model.avro.Trade;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the committed (read_committed) topics of the stack from the beginning: what every consumer
 * of the exchange's output, and a replay of its input, sees.
 */
public final class KafkaLog {

  private final KafkaConnection connection;

  public KafkaLog(KafkaConnection connection) {
    this.connection = connection;
  }

  public List<OrderEvent> orderEvents(String symbol) {
    List<OrderEvent> events = new ArrayList<>();
    for (byte[] value : values(Topics.ORDER_EVENTS, symbol)) {
      events.add(EventSerde.decode(value, OrderEvent.class));
    }
    return events;
  }

  public List<Trade> trades(String symbol) {
    List<Trade> trades = new ArrayList<>();
    for (byte[] value : values(Topics.TRADES, symbol)) {
      trades.add(EventSerde.decode(value, Trade.class));
    }
    return trades;
  }

  /**
   * The matcher's whole input for one symbol, in log order: the commands the accounts job forwarded
   * and the instrument commands, as {@code exchange.orders} holds them.
   */
  public List<OrderCommand> orderCommands(String symbol) {
    List<OrderCommand> commands = new ArrayList<>();
    for (byte[] value : values(Topics.ORDERS, symbol)) {
      commands.add(EventSerde.decode(value, OrderCommand.class));
    }
    return commands;
  }

  /** Every ledger entry on {@code exchange.balances}, repeats included, in offset order. */
  public List<BalanceEvent> balances() {
    List<BalanceEvent> entries = new ArrayList<>();
    for (byte[] value : values(Topics.BALANCES, null)) {
      entries.add(EventSerde.decode(value, BalanceEvent.class));
    }
    return entries;
  }

  /**
   * Every committed value keyed by {@code key} (every value when null), in offset order per
   * partition, up to the current end.
   */
  private List<byte[]> values(String topic, String key) {
    Properties p = new Properties();
    p.putAll(connection.clientProperties());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    List<byte[]> values = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(i -> new TopicPartition(topic, i.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      byte[] wanted = key == null ? null : key.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          if (wanted == null || java.util.Arrays.equals(r.key(), wanted)) {
            values.add(r.value());
          }
        }
      }
    }
    return values;
  }
}
