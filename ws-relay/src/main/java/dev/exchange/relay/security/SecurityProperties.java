package dev.exchange.relay.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the private stream's bearer tokens are checked (the same settings as edge-api). Give {@code
 * jwkSetUri} or {@code publicKey}.
 *
 * @param issuer expected {@code iss} claim; not checked when blank
 * @param jwkSetUri JWK set URL of the issuer
 * @param publicKey PEM-encoded RSA public key
 * @param rolesClaim claim holding the roles (not needed by the relay: any valid token with a
 *     subject may read its own account's events)
 */
@ConfigurationProperties("exchange.security")
public record SecurityProperties(
    String issuer, String jwkSetUri, String publicKey, @DefaultValue("roles") String rolesClaim) {}
