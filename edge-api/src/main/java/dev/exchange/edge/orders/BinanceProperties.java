package dev.exchange.edge.orders;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Binance-compatible signed order endpoints.
 *
 * @param resultTimeout how long {@code POST /api/v3/order} with RESULT or FULL, and {@code DELETE
 *     /api/v3/order}, wait for the engine's report before answering -1007 (the command stays sent)
 * @param cancelAllWait how long {@code DELETE /api/v3/openOrders} waits for a first CANCELED report
 *     before answering that nothing was open
 */
@ConfigurationProperties("exchange.binance")
public record BinanceProperties(
    @DefaultValue("5s") Duration resultTimeout, @DefaultValue("1s") Duration cancelAllWait) {}
