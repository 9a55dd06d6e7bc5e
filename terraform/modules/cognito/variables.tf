variable "name" {
  description = "Name prefix of every resource (the deployment's name)."
  type        = string
}

variable "domain_prefix" {
  description = "Prefix of the Cognito hosted domain: <prefix>.auth.<region>.amazoncognito.com serves the login, sign-up and logout pages. Globally unique within the region."
  type        = string
}

variable "app_url" {
  description = "HTTPS origin of the web app, e.g. https://trade.example.com; its /callback receives codes and its / is where logout returns."
  type        = string
}

variable "extra_callback_urls" {
  description = "More allowed callback URLs (e.g. http://localhost:5173/callback for a developer's Vite server against this pool)."
  type        = list(string)
  default     = []
}

variable "access_token_validity_minutes" {
  description = "Lifetime of access tokens; the web app renews them with its refresh token before they expire."
  type        = number
  default     = 15
}

variable "refresh_token_validity_days" {
  description = "Lifetime of refresh tokens: how long a browser stays signed in without a password."
  type        = number
  default     = 7
}

variable "deletion_protection" {
  description = "Protects the user pool (the users and their passwords) from being destroyed."
  type        = bool
  default     = true
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = {}
}
