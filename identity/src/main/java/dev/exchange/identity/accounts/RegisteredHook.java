package dev.exchange.identity.accounts;

import dev.exchange.identity.IdentityProperties;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells {@code exchange.identity.registered-hook} about a new account, if configured: the local
 * stack funds it there, as a dev sign-in is funded. A failure is logged and does not undo the
 * registration (the account exists; {@code ./exchange fund} can fund it by hand).
 */
@Component
class RegisteredHook {

  private static final Logger LOG = LoggerFactory.getLogger(RegisteredHook.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final IdentityProperties properties;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  RegisteredHook(IdentityProperties properties) {
    this.properties = properties;
  }

  void registered(String account) {
    if (properties.registeredHook() == null) {
      return;
    }
    HttpRequest request =
        HttpRequest.newBuilder(properties.registeredHook())
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"account\":\"" + account + "\"}"))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        LOG.warn(
            "registered hook answered {} for {}: {}",
            response.statusCode(),
            account,
            response.body());
      }
    } catch (IOException e) {
      LOG.warn("registered hook failed for {}: {}", account, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
