package dev.exchange.edge.alerts;

/**
 * {@code POST /api/v1/alerts}. Decimals as strings: {@code price} in the symbol's quote units on
 * its tick, {@code percent} and {@code hysteresisPercent} in percent with up to two decimals.
 *
 * @param type PRICE_ABOVE, PRICE_BELOW, PERCENT_CHANGE or ORDER_FILLED
 * @param window PERCENT_CHANGE: 5m, 1h or 24h
 * @param hysteresisPercent how far back over the level (percent of the level, or of the threshold)
 *     the price must go to re-arm; default 0.1
 * @param partialFills ORDER_FILLED: also on partial fills; default false
 * @param clientAlertId optional; a second create with the same id answers the first alert (200)
 * @param webhookUrl optional; alert-delivery POSTs each firing there, signed with the account's
 *     webhook secret ({@code GET /api/v1/alerts/webhook-secret}); https, http only to loopback
 * @param email optional; alert-delivery mails each firing there
 */
record CreateAlertRequest(
    String symbol,
    String type,
    String price,
    String percent,
    String window,
    String hysteresisPercent,
    Boolean partialFills,
    String clientAlertId,
    String webhookUrl,
    String email) {}
