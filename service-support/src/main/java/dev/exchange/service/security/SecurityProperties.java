package dev.exchange.service.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the services check bearer tokens. Give {@code jwkSetUri} (the issuer's key set) or {@code
 * publicKey} (an RSA public key in PEM, as the local identity provider writes it). See
 * docs/identity.md.
 *
 * @param issuer expected {@code iss} claim; required, a service refuses to start without it
 * @param audience the value {@code audienceClaim} must hold (locally {@code exchange}; in AWS the
 *     Cognito app client id); required
 * @param audienceClaim claim holding the audience: {@code aud} (a string or a list), or {@code
 *     client_id} for Cognito access tokens, which carry no {@code aud}
 * @param jwkSetUri JWK set URL of the issuer
 * @param publicKey PEM-encoded RSA public key ({@code -----BEGIN PUBLIC KEY-----})
 * @param rolesClaim claim holding the exchange roles ({@code trader}, {@code admin}) as a list or a
 *     space-separated string; exchange-specific, so roles another application put in a token (a
 *     generic {@code roles} claim) grant nothing here
 */
@ConfigurationProperties("exchange.security")
public record SecurityProperties(
    String issuer,
    @DefaultValue("exchange") String audience,
    @DefaultValue("aud") String audienceClaim,
    String jwkSetUri,
    String publicKey,
    @DefaultValue(SecurityProperties.ROLES_CLAIM) String rolesClaim) {

  /** The claim the local identity provider and the dev shortcut put the exchange roles in. */
  public static final String ROLES_CLAIM = "exchange_roles";
}
