package dev.exchange.edge.transfers;

import dev.exchange.edge.errors.ErrorCodes;
import dev.exchange.edge.kafka.CommandPublisher;
import dev.exchange.edge.system.Enums;
import dev.exchange.model.FixedPoint;
import dev.exchange.model.InvalidDecimalException;
import dev.exchange.model.RejectReason;
import dev.exchange.model.avro.AccountCommand;
import dev.exchange.model.avro.Asset;
import dev.exchange.model.avro.Transfer;
import dev.exchange.model.avro.TransferKind;
import dev.exchange.service.assets.AssetCache;
import dev.exchange.service.web.ApiException;
import dev.exchange.service.web.FieldProblem;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Checks a deposit or withdrawal against the listed assets and publishes it on {@code
 * exchange.account-commands} (key = account). Whether a withdrawal fits the free balance, and
 * whether a transferId was used before, only the accounts job knows: it writes the outcome to the
 * account's ledger.
 */
@Service
class TransferService {

  private static final Pattern TRANSFER_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  private static final int MAX_ACCOUNT_LENGTH = 128;

  private final AssetCache assets;
  private final CommandPublisher publisher;
  private final Clock clock;

  TransferService(AssetCache assets, CommandPublisher publisher, Clock clock) {
    this.assets = assets;
    this.publisher = publisher;
    this.clock = clock;
  }

  TransferAccepted transfer(TransferRequest r) {
    List<FieldProblem> errors = new ArrayList<>();
    String account = required("account", r.account(), errors);
    if (account != null && (account.isBlank() || account.length() > MAX_ACCOUNT_LENGTH)) {
      errors.add(
          new FieldProblem(
              "account", ErrorCodes.ACCOUNT_INVALID, "account must be 1 to 128 characters"));
    }
    String code = required("asset", r.asset(), errors);
    String amountText = required("amount", r.amount(), errors);
    TransferKind kind =
        Enums.parse(TransferKind.class, "kind", required("kind", r.kind(), errors), errors);
    String transferId = required("transferId", r.transferId(), errors);
    if (transferId != null && !TRANSFER_ID.matcher(transferId).matches()) {
      errors.add(FieldProblem.of(RejectReason.TRANSFER_ID_INVALID));
    }
    if (!errors.isEmpty()) {
      throw ApiException.badRequest(errors);
    }
    Asset asset = assets.get(code);
    if (asset == null) {
      throw ApiException.badRequest(
          List.of(
              FieldProblem.of(RejectReason.UNKNOWN_ASSET, "asset '" + code + "' is not listed")));
    }
    long amount = amount(amountText, asset);
    Transfer transfer =
        new Transfer(transferId, kind, code, asset.getScale(), amount, clock.millis());
    publisher.publish(new AccountCommand(account, transfer));
    return new TransferAccepted("PENDING", transferId, account, code);
  }

  private static long amount(String text, Asset asset) {
    long amount;
    try {
      amount = FixedPoint.parse(text, asset.getScale());
    } catch (InvalidDecimalException e) {
      RejectReason reason =
          e.kind() == InvalidDecimalException.Kind.TOO_MANY_DECIMALS
              ? RejectReason.AMOUNT_TOO_MANY_DECIMALS
              : RejectReason.AMOUNT_MALFORMED;
      throw ApiException.rejected(
          HttpStatus.BAD_REQUEST,
          reason,
          reason.description() + " (" + asset.getCode() + " has scale " + asset.getScale() + ")");
    }
    if (amount <= 0) {
      throw ApiException.rejected(RejectReason.AMOUNT_NOT_POSITIVE);
    }
    return amount;
  }

  private static String required(String field, String value, List<FieldProblem> errors) {
    if (value == null) {
      errors.add(new FieldProblem(field, ErrorCodes.FIELD_REQUIRED, field + " is required"));
    }
    return value;
  }
}
