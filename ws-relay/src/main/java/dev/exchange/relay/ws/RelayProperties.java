package dev.exchange.relay.ws;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * WebSocket limits of the relay.
 *
 * @param maxConnections open WebSockets per instance (public and private); beyond it the handshake
 *     answers 429
 * @param maxStreamsPerConnection subscriptions per connection (Binance: 1024)
 * @param maxMessagesPerSecond control messages a client may send per second (Binance: 5); more get
 *     an error reply and are ignored
 * @param bufferSizeLimit bytes queued for one session; beyond it droppable frames are skipped and a
 *     lossless frame (trade, diff, private event) closes the session
 * @param sendTimeLimit how long one frame may take to be written; a client that stalls longer is
 *     closed
 * @param pingInterval how often the server pings
 * @param pongTimeout a client that sent nothing (not even a pong) for this long is closed
 * @param maxTextMessageSize largest control message accepted from a client
 */
@ConfigurationProperties("exchange.relay")
public record RelayProperties(
    @DefaultValue("20000") int maxConnections,
    @DefaultValue("1024") int maxStreamsPerConnection,
    @DefaultValue("10") int maxMessagesPerSecond,
    @DefaultValue("1MB") DataSize bufferSizeLimit,
    @DefaultValue("3s") Duration sendTimeLimit,
    @DefaultValue("20s") Duration pingInterval,
    @DefaultValue("60s") Duration pongTimeout,
    @DefaultValue("16KB") DataSize maxTextMessageSize) {}
