package dev.exchange.service.apikeys;

/**
 * What a signed request may do with an API key: {@code READ} the account (orders, trades,
 * balances), {@code TRADE} place and cancel orders. Binance's "Enable Reading" and "Enable Spot
 * Trading".
 */
public enum Permission {
  READ,
  TRADE
}
