package dev.exchange.identity;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The provider's settings.
 *
 * @param issuer the issuer URL, as browsers and the services see it (its endpoints are built from
 *     it); required
 * @param audience the {@code aud} of access tokens: the services' {@code
 *     exchange.security.audience}
 * @param rolesClaim the claim access tokens carry the exchange roles in: the services' {@code
 *     exchange.security.roles-claim}
 * @param clientId the web app's client id (a public client: PKCE, no secret)
 * @param redirectUris where the web app may receive codes (its callback and silent-renew pages)
 * @param postLogoutRedirectUris where the web app may be sent after logout
 * @param allowedOrigins origins allowed to call the token, key-set and discovery endpoints from a
 *     browser (the web app's)
 * @param privateKeyFile the RSA signing key, PKCS#8 PEM
 * @param publicKeyFile its public half, X.509 PEM (what the services are given)
 * @param accessTokenValidity how long an access token lasts
 * @param admins usernames that get role admin when they register
 * @param registeredHook optional URL that gets {@code POST {"account":"<name>"}} after a
 *     registration (the local stack grants the starter balance there); unset in AWS
 */
@ConfigurationProperties("exchange.identity")
public record IdentityProperties(
    String issuer,
    @DefaultValue("exchange") String audience,
    @DefaultValue("exchange_roles") String rolesClaim,
    @DefaultValue("exchange-web") String clientId,
    @DefaultValue List<String> redirectUris,
    @DefaultValue List<String> postLogoutRedirectUris,
    @DefaultValue List<String> allowedOrigins,
    Path privateKeyFile,
    Path publicKeyFile,
    @DefaultValue("15m") Duration accessTokenValidity,
    @DefaultValue List<String> admins,
    URI registeredHook) {

  public IdentityProperties {
    if (issuer == null || issuer.isBlank()) {
      throw new IllegalStateException(
          "exchange.identity.issuer is empty: set it to the URL browsers reach this provider at");
    }
    if (redirectUris.isEmpty()) {
      throw new IllegalStateException(
          "exchange.identity.redirect-uris is empty: set the web app's callback URL(s)");
    }
    if (privateKeyFile == null || publicKeyFile == null) {
      throw new IllegalStateException(
          "set exchange.identity.private-key-file and exchange.identity.public-key-file (PEM)");
    }
  }
}
