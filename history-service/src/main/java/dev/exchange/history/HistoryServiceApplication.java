package dev.exchange.history;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * history-service: klines, trades and orders over any time range, from the PostgreSQL hot tier and
 * the Iceberg cold tier (docs/history-service.md).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class HistoryServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(HistoryServiceApplication.class, args);
  }
}
