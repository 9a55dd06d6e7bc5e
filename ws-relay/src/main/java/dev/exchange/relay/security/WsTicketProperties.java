package dev.exchange.relay.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tickets for the private WebSocket ({@code POST /api/v1/ws-ticket}).
 *
 * @param validity how long a ticket may wait before it is used
 * @param secret HMAC key shared by every relay instance, so a ticket issued by one is accepted by
 *     another; when empty each instance makes its own at start (enough for one instance, as
 *     locally)
 */
@ConfigurationProperties("exchange.ws-ticket")
public record WsTicketProperties(@DefaultValue("30s") Duration validity, String secret) {}
