package dev.exchange.conventions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import dev.exchange.accounts.core.fixture.AccountsUseFlink;
import dev.exchange.bench.fixture.BenchStartsALocalBroker;
import dev.exchange.bench.fixture.BenchUsesTheStack;
import dev.exchange.edge.fixture.EdgeOrders;
import dev.exchange.edge.fixture.EdgeUsesAJob;
import dev.exchange.edge.fixture.EdgeUsesTestSupport;
import dev.exchange.history.api.fixture.KlineEndpoint;
import dev.exchange.history.fixture.HistoryUsesTheEdge;
import dev.exchange.history.klines.fixture.KlineQueries;
import dev.exchange.history.klines.fixture.KlinesUseTrades;
import dev.exchange.history.orders.fixture.OrdersUseTheApi;
import dev.exchange.history.rows.fixture.CandleRow;
import dev.exchange.history.tiers.fixture.HotTable;
import dev.exchange.history.tiers.fixture.TierUsesAFeature;
import dev.exchange.history.trades.fixture.TradesUseKlines;
import dev.exchange.jobs.fixture.JobStartsALocalBroker;
import dev.exchange.jobs.fixture.JobUsesOrderBookAndLakehouse;
import dev.exchange.jobs.fixture.JobUsesServiceSupport;
import dev.exchange.lakehouse.fixture.ColdTable;
import dev.exchange.lakehouse.fixture.LakehouseUsesFlink;
import dev.exchange.localservices.fixture.LocalBroker;
import dev.exchange.matching.core.fixture.BookUsesFlink;
import dev.exchange.matching.core.fixture.FlinkFreeBook;
import dev.exchange.model.fixture.FloatingPointPrice;
import dev.exchange.model.fixture.ModelUsesTheOrderBook;
import dev.exchange.model.fixture.Price;
import dev.exchange.relay.fixture.BoxedFloatingPointQuote;
import dev.exchange.relay.fixture.RelayFeed;
import dev.exchange.relay.fixture.RelayUsesTheStack;
import dev.exchange.service.fixture.SharedInstrumentCache;
import dev.exchange.service.fixture.SupportUsesRelay;
import dev.exchange.service.testing.fixture.TestTokens;
import dev.exchange.stack.fixture.StackLauncher;
import dev.exchange.unplaced.fixture.Stray;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proves every layering rule against small fixture classes (the {@code fixture} packages of this
 * module's tests, named like the real parts): each offender breaks exactly the rules it is listed
 * with, every rule is broken by at least one offender, and the allowed dependencies break none.
 */
class LayeringRulesTest {

  /** An offender, the classes it depends on, and exactly the rules it breaks. */
  record Violation(Class<?> offender, List<Class<?>> uses, Set<ArchRule> breaks) {
    @Override
    public String toString() {
      return offender.getSimpleName();
    }
  }

  static final List<Violation> VIOLATIONS =
      List.of(
          new Violation(Stray.class, List.of(), Set.of(LayeringRules.EVERY_CLASS_HAS_A_PLACE)),
          new Violation(
              ModelUsesTheOrderBook.class,
              List.of(FlinkFreeBook.class, Price.class),
              Set.of(LayeringRules.MODEL_IS_SELF_CONTAINED)),
          new Violation(
              BookUsesFlink.class, List.of(), Set.of(LayeringRules.ORDER_BOOK_CORE_IS_FLINK_FREE)),
          new Violation(
              AccountsUseFlink.class, List.of(), Set.of(LayeringRules.ACCOUNTS_CORE_IS_FLINK_FREE)),
          new Violation(
              LakehouseUsesFlink.class, List.of(), Set.of(LayeringRules.LAKEHOUSE_IS_FLINK_FREE)),
          new Violation(
              JobUsesServiceSupport.class,
              List.of(SharedInstrumentCache.class, Price.class),
              Set.of(LayeringRules.JOBS_USE_ONLY_MODEL_ORDER_BOOK_AND_LAKEHOUSE)),
          new Violation(
              JobStartsALocalBroker.class,
              List.of(LocalBroker.class),
              Set.of(
                  LayeringRules.JOBS_USE_ONLY_MODEL_ORDER_BOOK_AND_LAKEHOUSE,
                  LayeringRules.ONLY_TOOLS_START_LOCAL_SERVICES)),
          new Violation(
              EdgeUsesAJob.class,
              List.of(JobUsesOrderBookAndLakehouse.class),
              Set.of(LayeringRules.SERVICES_IMPORT_NO_JOB_CODE)),
          new Violation(
              RelayUsesTheStack.class,
              List.of(StackLauncher.class, LocalBroker.class),
              Set.of(
                  LayeringRules.SERVICES_IMPORT_NO_JOB_CODE,
                  LayeringRules.NOTHING_IMPORTS_THE_STACK)),
          new Violation(
              HistoryUsesTheEdge.class,
              List.of(EdgeOrders.class, SharedInstrumentCache.class, Price.class),
              Set.of(LayeringRules.SERVICES_DO_NOT_IMPORT_EACH_OTHER)),
          new Violation(
              SupportUsesRelay.class,
              List.of(RelayFeed.class),
              Set.of(LayeringRules.SERVICES_DO_NOT_IMPORT_EACH_OTHER)),
          new Violation(
              BenchUsesTheStack.class,
              List.of(StackLauncher.class, LocalBroker.class),
              Set.of(LayeringRules.NOTHING_IMPORTS_THE_STACK)),
          new Violation(
              EdgeUsesTestSupport.class,
              List.of(TestTokens.class),
              Set.of(LayeringRules.NO_TEST_SUPPORT_IN_PRODUCTION)),
          new Violation(
              TierUsesAFeature.class,
              List.of(KlineQueries.class, HotTable.class, CandleRow.class),
              Set.of(
                  LayeringRules.HISTORY_SERVICE_IS_LAYERED,
                  LayeringRules.HISTORY_SERVICE_PACKAGES_ARE_FREE_OF_CYCLES)),
          new Violation(
              OrdersUseTheApi.class,
              List.of(KlineEndpoint.class),
              Set.of(LayeringRules.HISTORY_SERVICE_IS_LAYERED)),
          new Violation(
              TradesUseKlines.class,
              List.of(KlinesUseTrades.class),
              Set.of(LayeringRules.HISTORY_SERVICE_PACKAGES_ARE_FREE_OF_CYCLES)),
          new Violation(
              FloatingPointPrice.class, List.of(), Set.of(LayeringRules.NO_FLOATING_POINT_FIELDS)),
          new Violation(
              BoxedFloatingPointQuote.class,
              List.of(),
              Set.of(LayeringRules.NO_FLOATING_POINT_RETURN_TYPES)));

  static Stream<Violation> violations() {
    return VIOLATIONS.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("violations")
  void anOffenderBreaksExactlyItsRules(Violation v) {
    JavaClasses classes = importClasses(v);
    Set<ArchRule> broken = new HashSet<>();
    for (ArchRule rule : LayeringRules.ALL) {
      if (rule.allowEmptyShould(true).evaluate(classes).hasViolation()) {
        broken.add(rule);
      }
    }
    assertThat(broken).containsExactlyInAnyOrderElementsOf(v.breaks());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("violations")
  void aFailedCheckNamesTheRuleAndTheOffender(Violation v) {
    JavaClasses classes = importClasses(v);
    assertThatThrownBy(() -> LayeringRules.check(classes))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(v.offender().getName())
        .satisfies(
            e -> {
              for (ArchRule rule : LayeringRules.ALL) {
                String header = "Rule '" + rule.getDescription() + "' was violated";
                if (v.breaks().contains(rule)) {
                  assertThat(e.getMessage()).contains(header);
                } else {
                  assertThat(e.getMessage()).doesNotContain(header);
                }
              }
            });
  }

  @Test
  void everyRuleIsBrokenByAtLeastOneOffender() {
    Set<ArchRule> proven = new HashSet<>();
    VIOLATIONS.forEach(v -> proven.addAll(v.breaks()));
    assertThat(proven).containsExactlyInAnyOrderElementsOf(LayeringRules.ALL);
  }

  @Test
  void theAllowedDependenciesBreakNoRule() {
    JavaClasses allowed =
        new ClassFileImporter()
            .importClasses(
                Price.class,
                FlinkFreeBook.class,
                ColdTable.class,
                JobUsesOrderBookAndLakehouse.class,
                SharedInstrumentCache.class,
                EdgeOrders.class,
                RelayFeed.class,
                TestTokens.class,
                StackLauncher.class,
                LocalBroker.class,
                BenchStartsALocalBroker.class,
                CandleRow.class,
                HotTable.class,
                KlineQueries.class,
                KlineEndpoint.class);
    assertThatCode(() -> LayeringRules.check(allowed)).doesNotThrowAnyException();
  }

  @Test
  void aModuleIsItsOwnClassPathEntryWithoutTests() {
    JavaClasses module = LayeringRules.productionClassesOf(LayeringRules.class);
    assertThat(module.contain(LayeringRules.class)).isTrue();
    assertThat(module.contain(LayeringRulesTest.class)).isFalse();
    assertThat(module.contain(Stray.class)).isFalse();
  }

  @Test
  void theConventionsModuleFollowsTheRules() {
    LayeringRules.checkModuleOf(LayeringRules.class);
  }

  private static JavaClasses importClasses(Violation v) {
    List<Class<?>> classes = Stream.concat(Stream.of(v.offender()), v.uses().stream()).toList();
    return new ClassFileImporter().importClasses(classes);
  }
}
