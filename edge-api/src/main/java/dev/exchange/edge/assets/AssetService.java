package dev.exchange.edge.assets;

import dev.exchange.edge.errors.ErrorCodes;
import dev.exchange.edge.kafka.CommandPublisher;
import dev.exchange.model.FixedPoint;
import dev.exchange.model.RejectReason;
import dev.exchange.model.Symbols;
import dev.exchange.model.avro.Asset;
import dev.exchange.service.assets.AssetCache;
import dev.exchange.service.web.ApiException;
import java.time.Clock;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Lists assets on the compacted {@code exchange.assets}. A scale never changes once listed: an
 * identical repeat is answered as already done, another scale is refused ({@code
 * ASSET_ALREADY_LISTED}). Once Kafka acknowledged a listing, the asset goes into this edge's cache
 * at once, so the pairs listed right after it find it; the follower reads the same record later.
 */
@Service
class AssetService {

  /** A listing's outcome: whether this request created it, and the asset as listed. */
  record Listed(boolean created, Asset asset) {}

  private final AssetCache assets;
  private final CommandPublisher publisher;
  private final Clock clock;

  AssetService(AssetCache assets, CommandPublisher publisher, Clock clock) {
    this.assets = assets;
    this.publisher = publisher;
    this.clock = clock;
  }

  Listed list(ListAssetRequest request) {
    String code = request.code();
    if (code == null) {
      throw ApiException.badRequest(ErrorCodes.FIELD_REQUIRED, "code", "code is required");
    }
    if (!Symbols.isValidAsset(code)) {
      throw ApiException.badRequest(
          ErrorCodes.ASSET_CODE_INVALID,
          "code",
          "code must be 1 to 10 upper-case letters or digits, e.g. BTC");
    }
    Integer scale = request.scale();
    if (scale == null) {
      throw ApiException.badRequest(ErrorCodes.FIELD_REQUIRED, "scale", "scale is required");
    }
    if (scale < 0 || scale > FixedPoint.MAX_SCALE) {
      throw ApiException.badRequest(
          ErrorCodes.ASSET_SCALE_INVALID, "scale", "scale must be 0..18 decimal places");
    }
    Asset existing = assets.get(code);
    if (existing != null) {
      if (existing.getScale() != scale) {
        throw ApiException.rejected(
            HttpStatus.CONFLICT,
            RejectReason.ASSET_ALREADY_LISTED,
            "asset '" + code + "' is already listed with scale " + existing.getScale());
      }
      return new Listed(false, existing);
    }
    Asset asset = new Asset(code, scale, clock.millis());
    publisher.publish(asset);
    assets.put(asset);
    return new Listed(true, asset);
  }
}
