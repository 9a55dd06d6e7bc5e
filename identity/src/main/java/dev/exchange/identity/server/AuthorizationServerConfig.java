package dev.exchange.identity.server;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.exchange.identity.IdentityProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * The OpenID provider: Spring Authorization Server's endpoints (discovery, authorize, token, JWK
 * set, userinfo, RP-initiated logout) for one public client, the web app, which must use PKCE.
 * Access tokens carry {@code aud} = the exchange and the exchange roles; they are signed with the
 * stack's RSA key, so the dev shortcut ({@code ./exchange token}) mints tokens the services accept
 * the same way.
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfig {

  private static final String ROLE_PREFIX = "ROLE_";

  @Bean
  @Order(1)
  SecurityFilterChain authorizationServer(
      HttpSecurity http, IdentityProperties properties, RegisteredClientRepository clients)
      throws Exception {
    http.oauth2AuthorizationServer(
            server -> {
              http.securityMatcher(server.getEndpointsMatcher());
              server.oidc(Customizer.withDefaults());
            })
        .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
        .exceptionHandling(
            e ->
                e.defaultAuthenticationEntryPointFor(
                    new PromptNoneEntryPoint(
                        clients, new LoginUrlAuthenticationEntryPoint("/login")),
                    new MediaTypeRequestMatcher(MediaType.TEXT_HTML)))
        // Silent renewal runs the authorize endpoint in a hidden iframe of the web app.
        .headers(
            h ->
                h.frameOptions(f -> f.disable())
                    .contentSecurityPolicy(
                        csp ->
                            csp.policyDirectives(
                                "frame-ancestors 'self' "
                                    + String.join(" ", properties.allowedOrigins()))))
        .cors(Customizer.withDefaults());
    return http.build();
  }

  @Bean
  RegisteredClientRepository clients(IdentityProperties properties) {
    RegisteredClient web =
        RegisteredClient.withId(UUID.nameUUIDFromBytes(properties.clientId().getBytes()).toString())
            .clientId(properties.clientId())
            .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
            .redirectUris(uris -> uris.addAll(properties.redirectUris()))
            .postLogoutRedirectUris(uris -> uris.addAll(properties.postLogoutRedirectUris()))
            .scope(OidcScopes.OPENID)
            .scope(OidcScopes.PROFILE)
            .clientSettings(
                ClientSettings.builder()
                    .requireProofKey(true)
                    .requireAuthorizationConsent(false)
                    .build())
            .tokenSettings(
                TokenSettings.builder()
                    .accessTokenTimeToLive(properties.accessTokenValidity())
                    .build())
            .build();
    return new InMemoryRegisteredClientRepository(web);
  }

  /** The exchange's audience and roles in access tokens; the username in ID tokens. */
  @Bean
  OAuth2TokenCustomizer<JwtEncodingContext> exchangeClaims(IdentityProperties properties) {
    return context -> {
      if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
        List<String> roles =
            context.getPrincipal().getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith(ROLE_PREFIX))
                .map(a -> a.substring(ROLE_PREFIX.length()))
                .sorted()
                .toList();
        context
            .getClaims()
            .audience(List.of(properties.audience()))
            .claim(properties.rolesClaim(), roles);
      } else if ("id_token".equals(context.getTokenType().getValue())) {
        context.getClaims().claim("preferred_username", context.getPrincipal().getName());
      }
    };
  }

  @Bean
  JWKSource<SecurityContext> signingKey(IdentityProperties properties) {
    RSAPublicKey publicKey =
        read(properties.publicKeyFile(), in -> RsaKeyConverters.x509().convert(in));
    RSAPrivateKey privateKey =
        read(properties.privateKeyFile(), in -> RsaKeyConverters.pkcs8().convert(in));
    try {
      RSAKey key =
          new RSAKey.Builder(publicKey).privateKey(privateKey).keyIDFromThumbprint().build();
      return new ImmutableJWKSet<>(new JWKSet(key));
    } catch (com.nimbusds.jose.JOSEException e) {
      throw new IllegalStateException("cannot use the key in " + properties.publicKeyFile(), e);
    }
  }

  private static <T> T read(Path file, Function<InputStream, T> converter) {
    try (InputStream in = Files.newInputStream(file)) {
      return converter.apply(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the signing key " + file, e);
    }
  }

  @Bean
  AuthorizationServerSettings authorizationServerSettings(IdentityProperties properties) {
    return AuthorizationServerSettings.builder().issuer(properties.issuer()).build();
  }

  /** The web app calls discovery, the key set, the token and userinfo endpoints cross-origin. */
  @Bean
  CorsConfigurationSource corsConfigurationSource(IdentityProperties properties) {
    CorsConfiguration cors = new CorsConfiguration();
    cors.setAllowedOrigins(properties.allowedOrigins());
    cors.setAllowedMethods(List.of("GET", "POST", "OPTIONS"));
    cors.setAllowedHeaders(List.of("Authorization", "Content-Type"));
    cors.setMaxAge(3600L);
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    source.registerCorsConfiguration("/**", cors);
    return source;
  }
}
