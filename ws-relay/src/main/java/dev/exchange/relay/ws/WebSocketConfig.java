package dev.exchange.relay.ws;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/** Endpoints: {@code /ws/private} (private), {@code /ws}, {@code /ws/**}, {@code /stream}. */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class WebSocketConfig implements WebSocketConfigurer {

  private final PublicStreamHandler publicHandler;
  private final PrivateStreamHandler privateHandler;
  private final SessionRegistry registry;
  private final RelayProperties properties;
  private final JwtDecoder jwtDecoder;

  WebSocketConfig(
      PublicStreamHandler publicHandler,
      PrivateStreamHandler privateHandler,
      SessionRegistry registry,
      RelayProperties properties,
      JwtDecoder jwtDecoder) {
    this.publicHandler = publicHandler;
    this.privateHandler = privateHandler;
    this.registry = registry;
    this.properties = properties;
    this.jwtDecoder = jwtDecoder;
  }

  @Override
  public void registerWebSocketHandlers(WebSocketHandlerRegistry handlers) {
    handlers
        .addHandler(privateHandler, "/ws/private")
        .addInterceptors(
            Handshakes.privateToken(jwtDecoder), Handshakes.connectionLimit(registry, properties))
        .setAllowedOriginPatterns("*");
    handlers
        .addHandler(publicHandler, "/ws", "/ws/**", "/stream")
        .addInterceptors(Handshakes.connectionLimit(registry, properties))
        .setAllowedOriginPatterns("*");
  }

  /** The container's asynchronous send gives up after the send-time limit too. */
  @Bean
  ServletServerContainerFactoryBean webSocketContainer() {
    ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
    container.setMaxTextMessageBufferSize((int) properties.maxTextMessageSize().toBytes());
    container.setAsyncSendTimeout(properties.sendTimeLimit().toMillis());
    return container;
  }
}
