package dev.exchange.edge.system;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * HTTP limits of the API.
 *
 * @param maxBodySize largest accepted request body; larger ones get 413 {@code BODY_TOO_LARGE}
 */
@ConfigurationProperties("exchange.http")
public record HttpProperties(@DefaultValue("16KB") DataSize maxBodySize) {}
