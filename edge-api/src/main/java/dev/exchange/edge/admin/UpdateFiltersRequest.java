package dev.exchange.edge.admin;

/**
 * Body of {@code PUT /api/v1/admin/instruments/{symbol}}: all filters, at the listed scales, and
 * optionally new fee rates (basis points, 0..1000; a missing one keeps the current rate) and new
 * percent price multipliers (as at listing; a missing one keeps the current multiplier, or gets the
 * default if the instrument has none).
 */
record UpdateFiltersRequest(
    String tickSize,
    String stepSize,
    String minQuantity,
    String maxQuantity,
    String minNotional,
    Integer maxOpenOrders,
    Integer makerFeeBps,
    Integer takerFeeBps,
    String bidMultiplierUp,
    String bidMultiplierDown,
    String askMultiplierUp,
    String askMultiplierDown)
    implements Multipliers {}
