package dev.exchange.history.system;

import dev.exchange.service.apikeys.ApiKeysConfig;
import dev.exchange.service.ratelimit.RateLimitConfig;
import dev.exchange.service.web.ServiceDefaults;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Takes service-support's {@link ServiceDefaults} and the API key store and authenticator ({@link
 * ApiKeysConfig}, reading edge-api's {@code apikeys.api_keys}); scanned, so web slice tests leave
 * it out.
 */
@Configuration(proxyBeanMethods = false)
@Import({ServiceDefaults.class, ApiKeysConfig.class, RateLimitConfig.class})
class ServiceSupportConfig {}
