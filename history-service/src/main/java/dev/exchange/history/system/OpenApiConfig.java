package dev.exchange.history.system;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.context.annotation.Configuration;

/** OpenAPI document metadata; the document is served at {@code /v3/api-docs}. */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(
    info =
        @Info(
            title = "exchange history-service",
            version = "v1",
            description =
                "Klines, trades and orders over any time range (hot tier PostgreSQL, cold tier"
                    + " Iceberg). /api/v1/history errors are application/problem+json with a"
                    + " stable 'code'; the Binance-compatible /api/v3 endpoints answer errors as"
                    + " {\"code\":-1121,\"msg\":\"Invalid symbol.\"}."))
@SecurityScheme(
    name = "bearer",
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    bearerFormat = "JWT")
class OpenApiConfig {}
