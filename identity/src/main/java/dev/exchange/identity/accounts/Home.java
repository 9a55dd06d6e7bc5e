package dev.exchange.identity.accounts;

import java.security.Principal;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** What a person who opens the provider itself sees after signing in. */
@RestController
class Home {

  @GetMapping("/")
  ResponseEntity<String> home(Principal principal) {
    return ResponseEntity.ok()
        .contentType(MediaType.TEXT_HTML)
        .body(Pages.signedIn(principal.getName()));
  }
}
