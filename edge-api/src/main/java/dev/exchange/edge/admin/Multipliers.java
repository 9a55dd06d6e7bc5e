package dev.exchange.edge.admin;

/**
 * The percent price multipliers a listing or an update may give, as decimal strings (null: not
 * given).
 */
interface Multipliers {
  String bidMultiplierUp();

  String bidMultiplierDown();

  String askMultiplierUp();

  String askMultiplierDown();
}
