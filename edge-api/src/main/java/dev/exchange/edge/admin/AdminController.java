package dev.exchange.edge.admin;

import dev.exchange.edge.security.Accounts;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/admin/instruments")
@Tag(name = "admin")
@SecurityRequirement(name = "bearer")
class AdminController {

  private final AdminService admin;

  AdminController(AdminService admin) {
    this.admin = admin;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Operation(summary = "List a new pair (admin); tradable once it appears in GET /instruments")
  AdminAccepted list(@AuthenticationPrincipal Jwt jwt, @RequestBody ListInstrumentRequest body) {
    return admin.list(Accounts.of(jwt), body);
  }

  @PutMapping(path = "/{symbol}", consumes = MediaType.APPLICATION_JSON_VALUE)
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Operation(summary = "Replace a pair's filters (admin); scales are fixed at listing")
  AdminAccepted update(
      @AuthenticationPrincipal Jwt jwt,
      @PathVariable String symbol,
      @RequestBody UpdateFiltersRequest body) {
    return admin.update(Accounts.of(jwt), symbol, body);
  }

  @PostMapping("/{symbol}/halt")
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Operation(summary = "Halt trading (admin); cancels are still accepted")
  AdminAccepted halt(
      @AuthenticationPrincipal Jwt jwt,
      @PathVariable String symbol,
      @RequestBody(required = false) ReasonRequest body) {
    return admin.halt(Accounts.of(jwt), symbol, reason(body));
  }

  @PostMapping("/{symbol}/resume")
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Operation(summary = "Resume a halted pair (admin)")
  AdminAccepted resume(
      @AuthenticationPrincipal Jwt jwt,
      @PathVariable String symbol,
      @RequestBody(required = false) ReasonRequest body) {
    return admin.resume(Accounts.of(jwt), symbol, reason(body));
  }

  @PostMapping("/{symbol}/delist")
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Operation(summary = "Delist a pair (admin); the matcher cancels its resting orders")
  AdminAccepted delist(
      @AuthenticationPrincipal Jwt jwt,
      @PathVariable String symbol,
      @RequestBody(required = false) ReasonRequest body) {
    return admin.delist(Accounts.of(jwt), symbol, reason(body));
  }

  private static String reason(ReasonRequest body) {
    return body == null ? null : body.reason();
  }
}
