output "issuer" {
  description = "Issuer (iss) of the pool's tokens: the services' exchange.security.issuer and the web app's OIDC authority."
  value       = local.issuer
}

output "jwk_set_uri" {
  description = "The pool's JSON Web Key Set: the services' exchange.security.jwk-set-uri."
  value       = "${local.issuer}/.well-known/jwks.json"
}

output "web_client_id" {
  description = "The web app's client id; Cognito access tokens carry it in client_id (they have no aud), so it is the services' exchange.security.audience with audience-claim client_id."
  value       = aws_cognito_user_pool_client.web.id
}

output "hosted_domain_url" {
  description = "The hosted login, sign-up and logout pages."
  value       = local.domain
}

output "logout_url" {
  description = "Cognito's logout endpoint for the web app (its discovery document names none): the web app's oidc.logoutUrl."
  value       = local.logout_url
}

output "user_pool_id" {
  description = "ID of the user pool (operators add admins with aws cognito-idp admin-add-user-to-group)."
  value       = aws_cognito_user_pool.this.id
}

output "web_app_config" {
  description = "The web app's config.json for this deployment (uploaded beside index.html)."
  value = jsonencode({
    apiBase = ""
    wsBase  = ""
    oidc = {
      authority  = local.issuer
      clientId   = aws_cognito_user_pool_client.web.id
      scope      = "openid profile email"
      rolesClaim = "cognito:groups"
      logoutUrl  = local.logout_url
    }
  })
}
