package dev.exchange.edge.system;

import dev.exchange.service.apikeys.ApiKeysConfig;
import dev.exchange.service.assets.AssetsConfig;
import dev.exchange.service.ratelimit.RateLimitConfig;
import dev.exchange.service.web.ServiceDefaults;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Takes service-support's {@link ServiceDefaults}, the asset cache ({@link AssetsConfig}) and the
 * API key store and authenticator ({@link ApiKeysConfig}); scanned, so web slice tests leave it
 * out.
 */
@Configuration(proxyBeanMethods = false)
@Import({ServiceDefaults.class, AssetsConfig.class, ApiKeysConfig.class, RateLimitConfig.class})
class ServiceSupportConfig {}
