package dev.exchange.relay.rest;

import dev.exchange.service.web.BinanceErrorHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Binance's error body on the relay's compatible REST surface (service-support's handler). */
@RestControllerAdvice
class BinanceErrors extends BinanceErrorHandler {}
