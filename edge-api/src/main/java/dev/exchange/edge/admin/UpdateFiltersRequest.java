package dev.exchange.edge.admin;

/**
 * Body of {@code PUT /api/v1/admin/instruments/{symbol}}: all filters, at the listed scales, and
 * optionally new fee rates (basis points, 0..1000; a missing one keeps the current rate).
 */
record UpdateFiltersRequest(
    String tickSize,
    String stepSize,
    String minQuantity,
    String maxQuantity,
    String minNotional,
    Integer maxOpenOrders,
    Integer makerFeeBps,
    Integer takerFeeBps) {}
