package dev.exchange.history.api;

import dev.exchange.history.accounts.AccountService;
import dev.exchange.history.accounts.AccountService.LedgerPage;
import dev.exchange.history.accounts.LedgerCursor;
import dev.exchange.history.api.AccountViews.AccountView;
import dev.exchange.history.api.AccountViews.BalanceView;
import dev.exchange.history.api.AccountViews.FeeView;
import dev.exchange.history.api.AccountViews.LedgerEntryView;
import dev.exchange.history.api.HistoryViews.Page;
import dev.exchange.history.system.HistoryProperties;
import dev.exchange.model.Symbols;
import dev.exchange.service.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's own balances and ledger (account = token subject), and the fee ledger for operators.
 * Amounts are decimal strings at the asset's scale (docs/history-service.md).
 */
@RestController
@Tag(name = "my account")
@SecurityRequirement(name = "bearer")
class AccountController {

  private static final int DEFAULT_LIMIT = 100;

  private final AccountService accounts;
  private final HistoryProperties properties;

  AccountController(AccountService accounts, HistoryProperties properties) {
    this.accounts = accounts;
    this.properties = properties;
  }

  @GetMapping("/api/v1/account")
  @Operation(summary = "My balances (free, locked) of every asset my account ever touched")
  AccountView mine(@AuthenticationPrincipal Jwt jwt) {
    String account = Principals.account(jwt);
    return new AccountView(
        account, accounts.balances(account).stream().map(BalanceView::of).toList());
  }

  @GetMapping("/api/v1/account/ledger")
  @Operation(summary = "My ledger entries, newest first, in keyset pages")
  Page<LedgerEntryView> ledger(
      @AuthenticationPrincipal Jwt jwt,
      @Parameter(description = "only this asset, e.g. USDT") @RequestParam(required = false)
          String asset,
      @Parameter(description = "1 … 1000, default 100") @RequestParam(required = false)
          String limit,
      @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false)
          String cursor) {
    String account = Principals.account(jwt);
    if (asset != null && !asset.isEmpty() && !Symbols.isValidAsset(asset)) {
      throw ApiException.badRequest(
          ErrorCodes.ASSET_INVALID,
          "asset",
          "asset '" + asset + "' must be 1 to 10 upper-case letters or digits");
    }
    int n = Params.limit(limit, DEFAULT_LIMIT, properties.maxPage());
    LedgerCursor after = null;
    if (cursor != null && !cursor.isEmpty()) {
      after = LedgerCursor.decode(cursor);
      if (after == null) {
        throw ApiException.badRequest(
            ErrorCodes.CURSOR_INVALID, "cursor", "'cursor' is not a cursor of this endpoint");
      }
    }
    LedgerPage page =
        accounts.ledger(account, asset == null || asset.isEmpty() ? null : asset, after, n);
    return new Page<>(
        page.items().stream().map(LedgerEntryView::of).toList(),
        page.next() == null ? null : page.next().encode());
  }

  @GetMapping("/api/v1/history/fees")
  @Operation(summary = "The fee ledger (role admin): fees collected per asset")
  List<FeeView> fees() {
    return accounts.fees().stream().map(FeeView::of).toList();
  }
}
