package dev.exchange.delivery;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * alert-delivery: every fired alert of {@code exchange.alerts} into {@code alerts.fired}, and to
 * its webhook and e-mail address, each attempt in {@code alerts.deliveries} (docs/alerts.md).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AlertDeliveryApplication {

  public static void main(String[] args) {
    SpringApplication.run(AlertDeliveryApplication.class, args);
  }
}
