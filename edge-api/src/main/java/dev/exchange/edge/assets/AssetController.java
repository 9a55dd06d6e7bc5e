package dev.exchange.edge.assets;

import dev.exchange.service.assets.AssetCache;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "assets")
class AssetController {

  private final AssetService service;
  private final AssetCache cache;

  AssetController(AssetService service, AssetCache cache) {
    this.service = service;
    this.cache = cache;
  }

  @GetMapping("/api/v1/assets")
  @Operation(summary = "The listed assets and their scales (public)")
  List<AssetView> all() {
    return cache.all().stream().map(AssetView::of).toList();
  }

  @PostMapping(path = "/api/v1/admin/assets", consumes = MediaType.APPLICATION_JSON_VALUE)
  @SecurityRequirement(name = "bearer")
  @Operation(
      summary =
          "List an asset (admin): 201 when new, 200 when the same code and scale are listed"
              + " already, 409 when the code is listed with another scale")
  ResponseEntity<AssetView> list(@RequestBody ListAssetRequest body) {
    AssetService.Listed listed = service.list(body);
    return ResponseEntity.status(listed.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .body(AssetView.of(listed.asset()));
  }
}
