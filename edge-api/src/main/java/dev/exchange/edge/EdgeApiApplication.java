package dev.exchange.edge;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** edge-api: authenticated order entry and instrument administration over REST, into Kafka. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class EdgeApiApplication {

  public static void main(String[] args) {
    SpringApplication.run(EdgeApiApplication.class, args);
  }
}
