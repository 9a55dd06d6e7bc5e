package dev.exchange.identity;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * identity: the local OpenID Connect provider (Spring Authorization Server) with a login page and
 * user registration. The web app signs in here with the authorization-code flow and PKCE; the
 * services trust its access tokens (docs/identity.md).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class IdentityApplication {

  public static void main(String[] args) {
    SpringApplication.run(IdentityApplication.class, args);
  }
}
