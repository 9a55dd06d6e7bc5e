package dev.exchange.edge.assets;

import dev.exchange.model.avro.Asset;

/** A listed asset as the API shows it. */
record AssetView(String code, int scale, long listedTime) {

  static AssetView of(Asset asset) {
    return new AssetView(asset.getCode(), asset.getScale(), asset.getListedTime());
  }
}
