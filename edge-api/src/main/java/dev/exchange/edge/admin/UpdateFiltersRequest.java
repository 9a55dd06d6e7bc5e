package dev.exchange.edge.admin;

/** Body of {@code PUT /api/v1/admin/instruments/{symbol}}: all filters, at the listed scales. */
record UpdateFiltersRequest(
    String tickSize,
    String stepSize,
    String minQuantity,
    String maxQuantity,
    String minNotional,
    Integer maxOpenOrders) {}
