package dev.exchange.jobs.alerts;

import dev.exchange.jobs.common.RawRecord;
import dev.exchange.model.EventSerde;
import dev.exchange.model.InvalidEventException;
import dev.exchange.model.avro.AlertCommand;
import org.apache.flink.api.java.functions.KeySelector;

/**
 * Keys the alerts job's input by symbol: trades and execution reports by their Kafka key (the
 * symbol), alert commands (keyed by alert id on their compacted topic) by the symbol in their
 * definition. An undecodable command keeps its Kafka key and is dead-lettered by the function.
 */
final class AlertKeys implements KeySelector<RawRecord, String> {

  private static final long serialVersionUID = 1L;

  private final String alertCommandsTopic;

  AlertKeys(String alertCommandsTopic) {
    this.alertCommandsTopic = alertCommandsTopic;
  }

  @Override
  public String getKey(RawRecord r) {
    if (!r.topic.equals(alertCommandsTopic)) {
      return r.symbol;
    }
    try {
      return EventSerde.decode(r.value, AlertCommand.class).getAlert().getSymbol();
    } catch (InvalidEventException e) {
      return r.symbol;
    }
  }
}
