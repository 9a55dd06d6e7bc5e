package dev.exchange.accounts.core;

import dev.exchange.model.avro.BalanceEvent;
import dev.exchange.model.avro.OrderCommand;
import java.util.ArrayList;
import java.util.List;

/** An {@link AccountOutput} keeping what it receives, in order. */
public final class CollectingAccountOutput implements AccountOutput {

  private final List<OrderCommand> orders = new ArrayList<>();
  private final List<BalanceEvent> balances = new ArrayList<>();

  @Override
  public void order(OrderCommand command) {
    orders.add(command);
  }

  @Override
  public void balance(BalanceEvent entry) {
    balances.add(entry);
  }

  public List<OrderCommand> orders() {
    return orders;
  }

  public List<BalanceEvent> balances() {
    return balances;
  }

  public void clear() {
    orders.clear();
    balances.clear();
  }
}
