package dev.exchange.edge.admin;

/** Optional body of halt, resume and delist. */
record ReasonRequest(String reason) {}
