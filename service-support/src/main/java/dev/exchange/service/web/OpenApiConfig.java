package dev.exchange.service.web;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.context.annotation.Configuration;

/**
 * OpenAPI document metadata of a service that imports it, served at {@code /v3/api-docs}: the title
 * and description come from {@code exchange.openapi.title} and {@code
 * exchange.openapi.description}; every service's API takes the same bearer JWTs.
 */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(
    info =
        @Info(
            title = "${exchange.openapi.title:${spring.application.name}}",
            version = "v1",
            description = "${exchange.openapi.description:}"))
@SecurityScheme(
    name = "bearer",
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    bearerFormat = "JWT")
public class OpenApiConfig {}
