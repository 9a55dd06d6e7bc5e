data "aws_region" "current" {}

locals {
  issuer = "https://cognito-idp.${data.aws_region.current.region}.amazonaws.com/${aws_cognito_user_pool.this.id}"
  domain = "https://${aws_cognito_user_pool_domain.this.domain}.auth.${data.aws_region.current.region}.amazoncognito.com"
  # Cognito's discovery document names no end_session_endpoint: the web app is given this one.
  logout_url = "${local.domain}/logout?client_id=${aws_cognito_user_pool_client.web.id}&logout_uri=${urlencode("${var.app_url}/")}"
}

################################################################################
# The user pool: people sign up with a username (their account) and a verified email
################################################################################

resource "aws_cognito_user_pool" "this" {
  name                = var.name
  deletion_protection = var.deletion_protection ? "ACTIVE" : "INACTIVE"

  username_configuration {
    case_sensitive = false
  }

  auto_verified_attributes = ["email"]

  schema {
    name                = "email"
    attribute_data_type = "String"
    required            = true
    mutable             = true

    string_attribute_constraints {
      min_length = 3
      max_length = 254
    }
  }

  password_policy {
    minimum_length                   = 12
    require_lowercase                = false
    require_uppercase                = false
    require_numbers                  = false
    require_symbols                  = false
    temporary_password_validity_days = 3
  }

  account_recovery_setting {
    recovery_mechanism {
      name     = "verified_email"
      priority = 1
    }
  }

  admin_create_user_config {
    allow_admin_create_user_only = false
  }

  lambda_config {
    post_confirmation = aws_lambda_function.post_confirmation.arn
  }

  tags = var.tags
}

# Roles are groups: access tokens carry them in cognito:groups, the services' roles claim in AWS. The pool
# is the exchange's own, so its groups mean nothing to any other application, and another application's
# tokens fail the audience (client_id) check.
resource "aws_cognito_user_group" "this" {
  for_each = toset(["trader", "admin"])

  user_pool_id = aws_cognito_user_pool.this.id
  name         = each.key
  description  = each.key == "admin" ? "Instrument, asset and transfer administration" : "Trading; every confirmed user"
}

resource "aws_cognito_user_pool_domain" "this" {
  domain       = var.domain_prefix
  user_pool_id = aws_cognito_user_pool.this.id
}

# The web app: a public client (no secret) with the authorization-code flow and PKCE (Cognito requires PKCE
# when the client sends a code_challenge, and oidc-client-ts always does).
resource "aws_cognito_user_pool_client" "web" {
  name         = "${var.name}-web"
  user_pool_id = aws_cognito_user_pool.this.id

  generate_secret                      = false
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_flows                  = ["code"]
  allowed_oauth_scopes                 = ["openid", "profile", "email"]
  supported_identity_providers         = ["COGNITO"]
  callback_urls                        = concat(["${var.app_url}/callback"], var.extra_callback_urls)
  logout_urls                          = ["${var.app_url}/"]
  explicit_auth_flows                  = ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH"]
  prevent_user_existence_errors        = "ENABLED"
  enable_token_revocation              = true

  access_token_validity  = var.access_token_validity_minutes
  id_token_validity      = var.access_token_validity_minutes
  refresh_token_validity = var.refresh_token_validity_days

  token_validity_units {
    access_token  = "minutes"
    id_token      = "minutes"
    refresh_token = "days"
  }
}

################################################################################
# Post-confirmation trigger: new users join the trader group
################################################################################

data "archive_file" "post_confirmation" {
  type        = "zip"
  source_file = "${path.module}/functions/post_confirmation.py"
  output_path = "${path.module}/.build/post_confirmation.zip"
}

data "aws_iam_policy_document" "lambda_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "post_confirmation" {
  name               = "${var.name}-cognito-post-confirmation"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume.json
  tags               = var.tags
}

resource "aws_iam_role_policy_attachment" "post_confirmation_logs" {
  role       = aws_iam_role.post_confirmation.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
}

# Scoped by name rather than by the pool's ARN: the pool refers to the function, so the function's policy
# cannot refer back to the pool without a cycle.
data "aws_iam_policy_document" "add_to_group" {
  statement {
    actions   = ["cognito-idp:AdminAddUserToGroup"]
    resources = ["arn:aws:cognito-idp:${data.aws_region.current.region}:*:userpool/*"]
  }
}

resource "aws_iam_role_policy" "post_confirmation" {
  name   = "add-to-trader-group"
  role   = aws_iam_role.post_confirmation.id
  policy = data.aws_iam_policy_document.add_to_group.json
}

resource "aws_lambda_function" "post_confirmation" {
  function_name    = "${var.name}-cognito-post-confirmation"
  role             = aws_iam_role.post_confirmation.arn
  runtime          = "python3.13"
  handler          = "post_confirmation.handler"
  filename         = data.archive_file.post_confirmation.output_path
  source_code_hash = data.archive_file.post_confirmation.output_base64sha256
  timeout          = 10

  environment {
    variables = { DEFAULT_GROUP = "trader" }
  }

  tags = var.tags
}

resource "aws_lambda_permission" "cognito" {
  statement_id  = "AllowCognito"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.post_confirmation.function_name
  principal     = "cognito-idp.amazonaws.com"
  source_arn    = aws_cognito_user_pool.this.arn
}
