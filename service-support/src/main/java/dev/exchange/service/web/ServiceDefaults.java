package dev.exchange.service.web;

import dev.exchange.service.instruments.InstrumentsConfig;
import dev.exchange.service.kafka.KafkaConfig;
import dev.exchange.service.kafka.KafkaProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * What a REST service with an instrument list (edge-api, history-service) takes from
 * service-support: the Kafka connection ({@link KafkaProperties}), the live instrument cache with
 * its follower and health ({@link InstrumentsConfig}), the clock and the OpenAPI metadata. A
 * service imports it from a configuration class of its own, not from its application class, so that
 * web slice tests leave it out and import what they need.
 */
@Configuration(proxyBeanMethods = false)
@Import({KafkaConfig.class, InstrumentsConfig.class, ClockConfig.class, OpenApiConfig.class})
public class ServiceDefaults {}
