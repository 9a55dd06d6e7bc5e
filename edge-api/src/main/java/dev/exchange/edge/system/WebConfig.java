package dev.exchange.edge.system;

import dev.exchange.edge.errors.ProblemWriter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Servlet-level pieces that run before Spring Security. */
@Configuration(proxyBeanMethods = false)
public class WebConfig {

  @Bean
  FilterRegistrationBean<BodySizeFilter> bodySizeFilter(
      HttpProperties http, ProblemWriter problems) {
    FilterRegistrationBean<BodySizeFilter> registration =
        new FilterRegistrationBean<>(new BodySizeFilter(http.maxBodySize().toBytes(), problems));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    registration.addUrlPatterns("/api/*");
    return registration;
  }
}
