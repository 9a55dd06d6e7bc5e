package dev.exchange.jobs.common;

import dev.exchange.model.Topics;
import java.io.Serializable;

/**
 * Topic names with an optional prefix, so that one broker can hold several independent exchanges
 * (tests run jobs side by side; a staging environment can share a cluster).
 */
public final class TopicNames implements Serializable {

  private static final long serialVersionUID = 1L;

  private final String prefix;

  public TopicNames(String prefix) {
    this.prefix = prefix == null ? "" : prefix;
  }

  public static TopicNames standard() {
    return new TopicNames("");
  }

  public String prefix() {
    return prefix;
  }

  public String name(String topic) {
    return prefix + topic;
  }

  public String orders() {
    return name(Topics.ORDERS);
  }

  public String trades() {
    return name(Topics.TRADES);
  }

  public String orderEvents() {
    return name(Topics.ORDER_EVENTS);
  }

  public String book() {
    return name(Topics.BOOK);
  }

  public String bookSnapshots() {
    return name(Topics.BOOK_SNAPSHOTS);
  }

  public String instruments() {
    return name(Topics.INSTRUMENTS);
  }

  public String candles() {
    return name(Topics.CANDLES);
  }

  public String tickers() {
    return name(Topics.TICKERS);
  }

  public String dlq() {
    return name(Topics.DLQ);
  }

  public String accountCommands() {
    return name(Topics.ACCOUNT_COMMANDS);
  }

  public String balances() {
    return name(Topics.BALANCES);
  }

  public String commandRejections() {
    return name(Topics.COMMAND_REJECTIONS);
  }

  public String alertCommands() {
    return name(Topics.ALERT_COMMANDS);
  }

  public String alerts() {
    return name(Topics.ALERTS);
  }

  public String assets() {
    return name(Topics.ASSETS);
  }
}
