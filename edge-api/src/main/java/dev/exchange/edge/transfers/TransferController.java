package dev.exchange.edge.transfers;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "admin")
@SecurityRequirement(name = "bearer")
class TransferController {

  private final TransferService transfers;

  TransferController(TransferService transfers) {
    this.transfers = transfers;
  }

  @PostMapping(path = "/api/v1/admin/transfers", consumes = MediaType.APPLICATION_JSON_VALUE)
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Operation(
      summary =
          "Deposit to or withdraw from an account (admin); idempotent by (account, transferId)")
  TransferAccepted transfer(@RequestBody TransferRequest body) {
    return transfers.transfer(body);
  }
}
