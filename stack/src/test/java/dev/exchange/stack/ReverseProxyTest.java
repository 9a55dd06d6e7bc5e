package dev.exchange.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The proxy's routes are the load balancer's: same patterns, same targets. */
class ReverseProxyTest {

  private static final Path DIR = Path.of("/data/proxy");

  @Test
  void albPatternsBecomePrefixOrExactLocations() {
    String conf = ReverseProxy.config(DIR, 8080, Path.of("/web"), 1, 2, 3, 4);
    assertThat(conf)
        .contains("location /api/v1/orders { proxy_pass http://edge_api; }")
        .contains("location /api/v1/instruments { proxy_pass http://edge_api; }")
        .contains("location /api/v1/admin/ { proxy_pass http://edge_api; }")
        .contains("location /api/v1/history/ { proxy_pass http://history_service; }")
        .contains("location = /api/v3/klines { proxy_pass http://history_service; }")
        .contains("location = /api/v3/exchangeInfo { proxy_pass http://history_service; }")
        .contains("location = /ws { proxy_pass http://ws_relay; }")
        .contains("location /ws/ { proxy_pass http://ws_relay; }")
        .contains("location /stream { proxy_pass http://ws_relay; }")
        .contains("location = /api/v3/depth { proxy_pass http://ws_relay; }")
        .contains("location /api/v3/ticker/ { proxy_pass http://ws_relay; }")
        .contains("location = /api/v1/ws-ticket { proxy_pass http://ws_relay; }")
        .contains("location /dev/ { proxy_pass http://dev_issuer; }")
        .contains("location /api/v1/api-keys { proxy_pass http://edge_api; }")
        .contains("location = /api/v3/order/test { proxy_pass http://edge_api; }")
        .contains("location = /api/v3/myTrades { proxy_pass http://history_service; }")
        .contains("location = /api/v3/account { proxy_pass http://history_service; }")
        .contains(
            "map $request_method $by_method { GET history_service; POST edge_api;"
                + " DELETE edge_api; default \"\"; }")
        .contains(
            "location = /api/v3/order { default_type application/json; if ($by_method = \"\") { return 404"
                + " '{\"code\":-1000,\"msg\":\"Unknown path.\"}'; } proxy_pass http://$by_method; }")
        .contains("location = /api/v3/openOrders { default_type application/json; if (")
        .contains("proxy_set_header Upgrade $http_upgrade;")
        .contains(
            "location = /config.json { add_header Cache-Control \"no-store\" always;"
                + " alias /data/proxy/config.json; }")
        .contains("location / { try_files $uri $uri/ /index.html; }")
        .contains(
            "location /api/v1/ { default_type application/problem+json; return 404"
                + " '{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,")
        .contains(
            "location /api/ { default_type application/json; return 404"
                + " '{\"code\":-1000,\"msg\":\"Unknown path.\"}'; }")
        .contains("listen 127.0.0.1:8080;")
        .contains("server 127.0.0.1:3; keepalive 64;");
  }
}
