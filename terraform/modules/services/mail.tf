################################################################################
# E-mail of alert deliveries: Amazon SES (docs/alerts.md, "E-mail")
#
# alert-delivery speaks SMTP (Angus Mail), so it sends through SES's SMTP interface, which takes the
# credentials of an IAM user (its access key id and the SMTP password SES derives from the secret key),
# not the pod's role. That user may only send raw e-mail from the sender address of the domain identity.
# Its credentials go to a Secrets Manager secret ({username, password}) that External Secrets hands to
# the services with smtp_access. The access key is in the Terraform state: rotate it by tainting
# aws_iam_access_key.smtp.
################################################################################

resource "aws_sesv2_email_identity" "mail" {
  count = var.mail != null ? 1 : 0

  email_identity = var.mail.domain

  tags = var.tags
}

resource "aws_route53_record" "mail_dkim" {
  count = var.mail != null && try(var.mail.route53_zone_id, null) != null ? 3 : 0

  zone_id = var.mail.route53_zone_id
  name    = "${aws_sesv2_email_identity.mail[0].dkim_signing_attributes[0].tokens[count.index]}._domainkey.${var.mail.domain}"
  type    = "CNAME"
  ttl     = 1800
  records = ["${aws_sesv2_email_identity.mail[0].dkim_signing_attributes[0].tokens[count.index]}.dkim.amazonses.com"]
}

data "aws_iam_policy_document" "mail_send" {
  count = var.mail != null ? 1 : 0

  statement {
    actions   = ["ses:SendRawEmail"]
    resources = [aws_sesv2_email_identity.mail[0].arn]

    condition {
      test     = "StringEquals"
      variable = "ses:FromAddress"
      values   = [var.mail.from]
    }
  }
}

resource "aws_iam_user" "smtp" {
  count = var.mail != null ? 1 : 0

  name = "${var.name}-alert-delivery-smtp"

  tags = var.tags
}

resource "aws_iam_user_policy" "smtp" {
  count = var.mail != null ? 1 : 0

  name   = "ses-send-raw-email"
  user   = aws_iam_user.smtp[0].name
  policy = data.aws_iam_policy_document.mail_send[0].json
}

resource "aws_iam_access_key" "smtp" {
  count = var.mail != null ? 1 : 0

  user = aws_iam_user.smtp[0].name
}

resource "aws_secretsmanager_secret" "smtp" {
  count = var.mail != null ? 1 : 0

  name        = "${var.name}/alert-delivery/smtp"
  description = "SES SMTP credentials of alert-delivery: {username, password}"

  tags = var.tags
}

resource "aws_secretsmanager_secret_version" "smtp" {
  count = var.mail != null ? 1 : 0

  secret_id = aws_secretsmanager_secret.smtp[0].id
  secret_string = jsonencode({
    username = aws_iam_access_key.smtp[0].id
    password = aws_iam_access_key.smtp[0].ses_smtp_password_v4
  })
}

data "aws_iam_policy_document" "smtp_secret_read" {
  count = var.mail != null ? 1 : 0

  statement {
    actions   = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]
    resources = [aws_secretsmanager_secret.smtp[0].arn]
  }
}

resource "aws_iam_policy" "smtp_secret_read" {
  count = var.mail != null ? 1 : 0

  name        = "${var.name}-smtp-secret-read"
  description = "Read alert-delivery's SES SMTP credentials from Secrets Manager"
  policy      = data.aws_iam_policy_document.smtp_secret_read[0].json

  tags = var.tags
}
