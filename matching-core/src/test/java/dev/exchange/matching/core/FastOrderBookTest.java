package dev.exchange.matching.core;

class FastOrderBookTest extends OrderBookContractTest {

  @Override
  protected OrderBook newBook(String symbol, int snapshotInterval) {
    return new FastOrderBook(new InMemoryBookStorage(), symbol, snapshotInterval);
  }
}
