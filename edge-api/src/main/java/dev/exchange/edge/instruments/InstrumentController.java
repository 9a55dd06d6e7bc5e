package dev.exchange.edge.instruments;

import dev.exchange.service.instruments.InstrumentCache;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/instruments")
@Tag(name = "instruments")
class InstrumentController {

  private final InstrumentCache cache;

  InstrumentController(InstrumentCache cache) {
    this.cache = cache;
  }

  @GetMapping
  @Operation(summary = "The live instrument list (public)")
  List<InstrumentView> list() {
    return cache.all().stream().map(InstrumentView::of).toList();
  }
}
