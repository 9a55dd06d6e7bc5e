package dev.exchange.service.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the services check bearer tokens. Give {@code jwkSetUri} (the issuer's key set) or {@code
 * publicKey} (an RSA public key in PEM, as the local dev issuer writes it).
 *
 * @param issuer expected {@code iss} claim; not checked when blank
 * @param jwkSetUri JWK set URL of the issuer
 * @param publicKey PEM-encoded RSA public key ({@code -----BEGIN PUBLIC KEY-----})
 * @param rolesClaim claim holding the roles ({@code trader}, {@code admin}) as a list or a
 *     space-separated string
 */
@ConfigurationProperties("exchange.security")
public record SecurityProperties(
    String issuer, String jwkSetUri, String publicKey, @DefaultValue("roles") String rolesClaim) {}
