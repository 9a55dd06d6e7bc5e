package dev.exchange.relay.ws;

import dev.exchange.relay.security.WsTickets;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * Endpoints: {@code /ws/private} (the web app's ticketed stream), {@code /ws/<listenKey>} and
 * {@code /ws-api/v3} (Binance's user data stream), {@code /ws}, {@code /ws/**}, {@code /stream}.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class WebSocketConfig implements WebSocketConfigurer {

  static final int BINARY_MESSAGE_BUFFER = 256;

  private final PublicStreamHandler publicHandler;
  private final PrivateStreamHandler privateHandler;
  private final ListenKeyStreamHandler listenKeyHandler;
  private final WsApiHandler wsApiHandler;
  private final SessionRegistry registry;
  private final RelayProperties properties;
  private final WsTickets tickets;

  WebSocketConfig(
      PublicStreamHandler publicHandler,
      PrivateStreamHandler privateHandler,
      ListenKeyStreamHandler listenKeyHandler,
      WsApiHandler wsApiHandler,
      SessionRegistry registry,
      RelayProperties properties,
      WsTickets tickets) {
    this.publicHandler = publicHandler;
    this.privateHandler = privateHandler;
    this.listenKeyHandler = listenKeyHandler;
    this.wsApiHandler = wsApiHandler;
    this.registry = registry;
    this.properties = properties;
    this.tickets = tickets;
  }

  @Override
  public void registerWebSocketHandlers(WebSocketHandlerRegistry handlers) {
    handlers
        .addHandler(privateHandler, "/ws/private")
        .addInterceptors(
            Handshakes.privateTicket(tickets), Handshakes.connectionLimit(registry, properties))
        .setAllowedOriginPatterns("*");
    handlers
        .addHandler(listenKeyHandler, "/ws/{listenKey:[A-Za-z0-9]{60}}")
        .addInterceptors(
            Handshakes.connectionLimit(registry, properties), listenKeyHandler.listenKeyCheck())
        .setAllowedOriginPatterns("*");
    handlers
        .addHandler(wsApiHandler, "/ws-api/v3")
        .addInterceptors(Handshakes.connectionLimit(registry, properties))
        .setAllowedOriginPatterns("*");
    handlers
        .addHandler(publicHandler, "/ws", "/ws/**", "/stream")
        .addInterceptors(Handshakes.connectionLimit(registry, properties))
        .setAllowedOriginPatterns("*");
  }

  /**
   * No container async-send timeout: the relay's sweeper already closes a session whose write has
   * made no progress for the send-time limit, and with a timeout set Tomcat registers and
   * unregisters every single send in a shared skip list (measurable in the 10,000-subscriber
   * fan-out). Tomcat allocates both message buffers for every connection up front (the text one as
   * chars, two bytes each): the relay accepts no binary messages (refused with 1003, or 1009 when
   * larger), so the binary buffer is kept small instead of Tomcat's 8 KB, about 80 MB less heap at
   * 10,000 connections.
   */
  @Bean
  ServletServerContainerFactoryBean webSocketContainer() {
    ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
    container.setMaxTextMessageBufferSize((int) properties.maxTextMessageSize().toBytes());
    container.setMaxBinaryMessageBufferSize(BINARY_MESSAGE_BUFFER);
    return container;
  }
}
