package dev.exchange.identity.server;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * An authorization request with {@code prompt=none} from someone without a session at the provider
 * (the web app's silent renewal in its hidden iframe) answers {@code error=login_required} to the
 * client's redirect URI, as OpenID Connect Core 3.1.2.6 asks, instead of a login page nobody sees.
 * Only a redirect URI registered for the client is used; anything else gets the login page.
 */
final class PromptNoneEntryPoint implements AuthenticationEntryPoint {

  private final RegisteredClientRepository clients;
  private final AuthenticationEntryPoint login;

  PromptNoneEntryPoint(RegisteredClientRepository clients, AuthenticationEntryPoint login) {
    this.clients = clients;
    this.login = login;
  }

  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException, ServletException {
    String redirectUri = request.getParameter("redirect_uri");
    String clientId = request.getParameter("client_id");
    RegisteredClient client =
        "none".equals(request.getParameter("prompt")) && clientId != null
            ? clients.findByClientId(clientId)
            : null;
    if (client == null || redirectUri == null || !client.getRedirectUris().contains(redirectUri)) {
      login.commence(request, response, e);
      return;
    }
    UriComponentsBuilder answer =
        UriComponentsBuilder.fromUriString(redirectUri).queryParam("error", "login_required");
    String state = request.getParameter("state");
    if (state != null) {
      answer.queryParam("state", state);
    }
    response.sendRedirect(answer.encode().build().toUriString());
  }
}
