package dev.exchange.identity.accounts;

import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.JdbcUserDetailsManager;
import org.springframework.security.provisioning.UserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * People: users and their roles in PostgreSQL (Spring Security's JDBC user store, passwords
 * bcrypt-hashed), the login form and the registration page. Everything that is not an
 * authorization-server endpoint goes through this chain.
 */
@Configuration(proxyBeanMethods = false)
class AccountsConfig {

  @Bean
  @Order(2)
  SecurityFilterChain pages(HttpSecurity http, SecurityContextRepository contexts)
      throws Exception {
    http.authorizeHttpRequests(
            auth ->
                auth.requestMatchers("/login", "/register", "/error", "/actuator/health/**")
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        .securityContext(c -> c.securityContextRepository(contexts))
        .formLogin(form -> form.loginPage("/login").permitAll())
        .cors(Customizer.withDefaults());
    return http.build();
  }

  @Bean
  SecurityContextRepository securityContextRepository() {
    return new HttpSessionSecurityContextRepository();
  }

  @Bean
  UserDetailsManager users(DataSource dataSource) {
    return new JdbcUserDetailsManager(dataSource);
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }
}
