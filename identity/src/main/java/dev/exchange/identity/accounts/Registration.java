package dev.exchange.identity.accounts;

import dev.exchange.identity.IdentityProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.UserDetailsManager;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The login page and self-service registration. A new account gets role {@code trader} (and {@code
 * admin} if listed in {@code exchange.identity.admins}), is signed in at once and continues where
 * the login page interrupted it, usually the web app's authorization request.
 */
@Controller
class Registration {

  static final int MIN_PASSWORD = 8;
  private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

  private final UserDetailsManager users;
  private final PasswordEncoder passwords;
  private final SecurityContextRepository contexts;
  private final IdentityProperties properties;
  private final RegisteredHook hook;
  private final RequestCache requests = new HttpSessionRequestCache();

  Registration(
      UserDetailsManager users,
      PasswordEncoder passwords,
      SecurityContextRepository contexts,
      IdentityProperties properties,
      RegisteredHook hook) {
    this.users = users;
    this.passwords = passwords;
    this.contexts = contexts;
    this.properties = properties;
    this.hook = hook;
  }

  @GetMapping("/login")
  ResponseEntity<String> login(
      CsrfToken csrf,
      @RequestParam(required = false) String error,
      @RequestParam(required = false) String logout) {
    String message = null;
    if (error != null) {
      message = "Wrong account or password.";
    } else if (logout != null) {
      message = "You are signed out.";
    }
    return html(Pages.login(csrf, message, error != null));
  }

  @GetMapping("/register")
  ResponseEntity<String> form(CsrfToken csrf) {
    return html(Pages.register(csrf, "", null));
  }

  @PostMapping("/register")
  ResponseEntity<String> register(
      CsrfToken csrf,
      @RequestParam(defaultValue = "") String username,
      @RequestParam(defaultValue = "") String password,
      @RequestParam(defaultValue = "") String confirm,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException {
    String problem = problem(username, password, confirm);
    if (problem != null) {
      return ResponseEntity.badRequest()
          .contentType(MediaType.TEXT_HTML)
          .body(Pages.register(csrf, username, problem));
    }
    String[] roles =
        properties.admins().contains(username)
            ? new String[] {"trader", "admin"}
            : new String[] {"trader"};
    UserDetails user =
        User.withUsername(username).password(passwords.encode(password)).roles(roles).build();
    users.createUser(user);
    hook.registered(username);
    signIn(user, request, response);
    SavedRequest saved = requests.getRequest(request, response);
    if (saved == null) {
      return html(Pages.signedIn(username));
    }
    requests.removeRequest(request, response);
    return ResponseEntity.status(302).header("Location", saved.getRedirectUrl()).build();
  }

  private String problem(String username, String password, String confirm) {
    if (!ACCOUNT.matcher(username).matches()) {
      return "The account name must be 1 to 64 letters, digits, dots, dashes, underscores or @.";
    }
    if (password.length() < MIN_PASSWORD) {
      return "The password must have at least " + MIN_PASSWORD + " characters.";
    }
    if (!password.equals(confirm)) {
      return "The passwords differ.";
    }
    if (users.userExists(username)) {
      return "The account " + username + " exists already; sign in instead.";
    }
    return null;
  }

  private void signIn(UserDetails user, HttpServletRequest request, HttpServletResponse response) {
    request.changeSessionId();
    // The password factor, with its time: ID tokens carry it as auth_time, as after a form login.
    List<GrantedAuthority> authorities = new ArrayList<>(user.getAuthorities());
    authorities.add(
        FactorGrantedAuthority.withAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY)
            .issuedAt(Instant.now())
            .build());
    Authentication authentication =
        UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(authentication);
    SecurityContextHolder.setContext(context);
    contexts.saveContext(context, request, response);
  }

  private static ResponseEntity<String> html(String body) {
    return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(body);
  }
}
