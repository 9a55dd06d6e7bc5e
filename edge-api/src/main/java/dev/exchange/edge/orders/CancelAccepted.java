package dev.exchange.edge.orders;

/** 202 answer to a cancel; the outcome arrives on the order-events stream. */
record CancelAccepted(String commandId, String symbol, String status) {}
