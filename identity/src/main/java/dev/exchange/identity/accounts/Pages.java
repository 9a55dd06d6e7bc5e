package dev.exchange.identity.accounts;

import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.util.HtmlUtils;

/** The provider's HTML: small, no scripts, every dynamic value escaped. */
final class Pages {

  private Pages() {}

  static String login(CsrfToken csrf, String message, boolean error) {
    return page(
        "Sign in",
        notice(message, error)
            + "<form method=\"post\" action=\"login\">"
            + csrf(csrf)
            + field("username", "Account", "text", "username", "")
            + field("password", "Password", "password", "current-password", "")
            + "<button type=\"submit\">Sign in</button></form>"
            + "<p>New here? <a href=\"register\">Create an account</a></p>");
  }

  static String register(CsrfToken csrf, String username, String message) {
    return page(
        "Create an account",
        notice(message, true)
            + "<form method=\"post\" action=\"register\">"
            + csrf(csrf)
            + field("username", "Account", "text", "username", username)
            + "<p class=\"hint\">1 to 64 letters, digits, dots, dashes, underscores or @</p>"
            + field("password", "Password", "password", "new-password", "")
            + field("confirm", "Repeat the password", "password", "new-password", "")
            + "<p class=\"hint\">at least "
            + Registration.MIN_PASSWORD
            + " characters</p>"
            + "<button type=\"submit\">Create account</button></form>"
            + "<p>Have an account? <a href=\"login\">Sign in</a></p>");
  }

  static String signedIn(String username) {
    return page(
        "Signed in",
        "<p>Signed in as <strong>" + HtmlUtils.htmlEscape(username) + "</strong>.</p>");
  }

  private static String notice(String message, boolean error) {
    if (message == null) {
      return "";
    }
    return "<p class=\""
        + (error ? "error" : "info")
        + "\" role=\""
        + (error ? "alert" : "status")
        + "\">"
        + HtmlUtils.htmlEscape(message)
        + "</p>";
  }

  private static String csrf(CsrfToken csrf) {
    return "<input type=\"hidden\" name=\""
        + HtmlUtils.htmlEscape(csrf.getParameterName())
        + "\" value=\""
        + HtmlUtils.htmlEscape(csrf.getToken())
        + "\">";
  }

  private static String field(
      String name, String label, String type, String autocomplete, String value) {
    return "<label for=\""
        + name
        + "\">"
        + label
        + "</label><input id=\""
        + name
        + "\" name=\""
        + name
        + "\" type=\""
        + type
        + "\" autocomplete=\""
        + autocomplete
        + "\" value=\""
        + HtmlUtils.htmlEscape(value)
        + "\" required>";
  }

  private static String page(String title, String body) {
    return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
        + "<title>"
        + title
        + " · Exchange</title><style>"
        + "body{font-family:system-ui,sans-serif;background:#0f1419;color:#e6e6e6;display:flex;"
        + "justify-content:center;padding-top:10vh}main{width:20rem}h1{font-size:1.4rem}"
        + "label{display:block;margin-top:.8rem}input{width:100%;box-sizing:border-box;padding:.5rem;"
        + "margin-top:.2rem}button{margin-top:1rem;width:100%;padding:.6rem}a{color:#7ab7ff}"
        + ".error{color:#ff6b6b}.info{color:#7ad97a}.hint{font-size:.8rem;color:#999;margin:.2rem 0}"
        + "</style></head><body><main><h1>"
        + title
        + "</h1>"
        + body
        + "</main></body></html>";
  }
}
