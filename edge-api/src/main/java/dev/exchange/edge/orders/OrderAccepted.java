package dev.exchange.edge.orders;

/** 202 answer to a new order: it is on the command stream, not yet matched. */
record OrderAccepted(
    String orderId, String clientOrderId, String symbol, String status, long acceptedAt) {}
