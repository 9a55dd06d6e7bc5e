package dev.exchange.edge.alerts;

import dev.exchange.model.EventSerde;
import dev.exchange.model.InvalidEventException;
import dev.exchange.model.Topics;
import dev.exchange.model.avro.AlertCommand;
import dev.exchange.service.kafka.CompactedTopicFollower;
import dev.exchange.service.kafka.KafkaProperties;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the compacted {@code exchange.alert-commands} from its beginning ({@code read_committed},
 * every partition, no group) into {@link AlertBook}. Undecodable records are logged and skipped.
 */
class AlertFollower extends CompactedTopicFollower {

  private static final Logger LOG = LoggerFactory.getLogger(AlertFollower.class);
  private static final Duration POLL = Duration.ofMillis(200);

  private final AlertBook book;

  AlertFollower(AlertBook book, KafkaProperties kafka) {
    super(
        "alert-follower",
        Topics.ALERT_COMMANDS,
        POLL,
        settings(kafka.connection(), kafka.clientId() + "-alerts", "read_committed", "earliest"));
    this.book = book;
  }

  @Override
  protected void onRecord(ConsumerRecord<byte[], byte[]> record, long polledMillis) {
    if (record.value() == null) {
      return;
    }
    try {
      book.apply(EventSerde.decode(record.value(), AlertCommand.class));
    } catch (InvalidEventException e) {
      LOG.warn(
          "skipping undecodable alert command at {}-{}@{}: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          e.getMessage());
    }
  }

  @Override
  protected void onCaughtUp() {
    book.markCaughtUp();
  }
}
