data "aws_caller_identity" "current" {}
data "aws_region" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  region     = data.aws_region.current.region

  # An ALB rule matches at most five path patterns, so long route lists become several rules.
  alb_rules = flatten([
    for service in sort(keys(var.routes)) : [
      for index, paths in chunklist(var.routes[service], 5) : {
        key     = "${service}-${index}"
        service = service
        paths   = paths
      }
    ]
  ])

  # CloudFront matches one pattern per behaviour, in order; the service patterns do not overlap. The
  # last one sends every other /api/ path to the ALB too, whose default action answers a JSON 404,
  # so a mistyped endpoint never gets the web app's index.html.
  cloudfront_paths = concat(flatten([for service in sort(keys(var.routes)) : var.routes[service]]), ["/api/*"])
}

################################################################################
# Internal ALB (reached only through the CloudFront VPC origin)
################################################################################

resource "aws_security_group" "alb" {
  name        = "${var.name}-alb"
  description = "Internal ALB: HTTPS from CloudFront only"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = "${var.name}-alb" })
}

data "aws_ec2_managed_prefix_list" "cloudfront" {
  name = "com.amazonaws.global.cloudfront.origin-facing"
}

resource "aws_vpc_security_group_ingress_rule" "alb_from_cloudfront" {
  security_group_id = aws_security_group.alb.id
  description       = "HTTPS from CloudFront origin-facing addresses"
  prefix_list_id    = data.aws_ec2_managed_prefix_list.cloudfront.id
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}

# VPC-origin traffic arrives through interfaces CloudFront places in the VPC, carrying the security group it
# creates with the first VPC origin. It only exists after that, hence the lookup after the VPC origin.
data "aws_security_group" "cloudfront_vpc_origins" {
  vpc_id = var.vpc_id
  name   = "CloudFront-VPCOrigins-Service-SG"

  depends_on = [aws_cloudfront_vpc_origin.alb]
}

resource "aws_vpc_security_group_ingress_rule" "alb_from_vpc_origin" {
  security_group_id            = aws_security_group.alb.id
  description                  = "HTTPS from the CloudFront VPC origin interfaces"
  referenced_security_group_id = data.aws_security_group.cloudfront_vpc_origins.id
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
}

resource "aws_vpc_security_group_egress_rule" "alb_to_targets" {
  security_group_id = aws_security_group.alb.id
  description       = "Service and health check ports of the pods"
  cidr_ipv4         = var.vpc_cidr_block
  ip_protocol       = "tcp"
  from_port         = min(var.service_port, var.health_check_port)
  to_port           = max(var.service_port, var.health_check_port)
}

resource "aws_vpc_security_group_ingress_rule" "targets_from_alb" {
  security_group_id            = var.target_security_group_id
  description                  = "Service and health check ports from the ALB"
  referenced_security_group_id = aws_security_group.alb.id
  ip_protocol                  = "tcp"
  from_port                    = min(var.service_port, var.health_check_port)
  to_port                      = max(var.service_port, var.health_check_port)
}

resource "aws_lb" "this" {
  name               = var.name
  load_balancer_type = "application"
  internal           = true
  subnets            = var.private_subnet_ids
  security_groups    = [aws_security_group.alb.id]

  idle_timeout               = var.idle_timeout
  drop_invalid_header_fields = true
  enable_deletion_protection = var.enable_deletion_protection

  tags = var.tags
}

# Pods are registered by IP (TargetGroupBinding, AWS Load Balancer Controller), not by node.
resource "aws_lb_target_group" "this" {
  for_each = var.routes

  name                 = "${var.name}-${each.key}"
  vpc_id               = var.vpc_id
  target_type          = "ip"
  port                 = var.service_port
  protocol             = "HTTP"
  protocol_version     = "HTTP1" # WebSocket upgrades need HTTP/1.1 to the target
  deregistration_delay = 30

  health_check {
    path                = "/actuator/health/readiness"
    port                = tostring(var.health_check_port)
    matcher             = "200"
    interval            = 10
    timeout             = 5
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }

  tags = var.tags
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.this.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = var.alb_ssl_policy
  certificate_arn   = var.alb_certificate_arn

  # Only routed API paths reach the ALB; anything else is a client error, answered Binance-style.
  default_action {
    type = "fixed-response"

    fixed_response {
      content_type = "application/json"
      message_body = jsonencode({ code = -1000, msg = "Unknown path." })
      status_code  = "404"
    }
  }

  tags = var.tags
}

resource "aws_lb_listener_rule" "this" {
  for_each = { for index, rule in local.alb_rules : rule.key => merge(rule, { priority = 10 * (index + 1) }) }

  listener_arn = aws_lb_listener.https.arn
  priority     = each.value.priority

  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.this[each.value.service].arn
  }

  condition {
    path_pattern {
      values = each.value.paths
    }
  }

  tags = var.tags
}

# Paths shared by method (var.method_routes): a rule matches the path and the method. They never
# overlap the path-only rules above, so their priorities only need to be distinct.
resource "aws_lb_listener_rule" "by_method" {
  for_each = { for index, rule in var.method_routes : "${rule.service}-${index}" => merge(rule, { priority = 40000 + index }) }

  listener_arn = aws_lb_listener.https.arn
  priority     = each.value.priority

  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.this[each.value.service].arn
  }

  condition {
    path_pattern {
      values = each.value.paths
    }
  }

  condition {
    http_request_method {
      values = each.value.methods
    }
  }

  tags = var.tags
}

# An unknown /api/v1/ path gets a problem document like the services' own /api/v1 errors (the
# listener's default action answers Binance's shape for the rest of /api/). Evaluated after every
# service rule. ALB fixed responses cannot carry application/problem+json, so the body is the
# problem and the type application/json (stack/ReverseProxy.UNKNOWN_V1_PATH locally).
resource "aws_lb_listener_rule" "unknown_v1_path" {
  listener_arn = aws_lb_listener.https.arn
  priority     = 50000

  action {
    type = "fixed-response"

    fixed_response {
      content_type = "application/json"
      message_body = jsonencode({ type = "about:blank", title = "Not Found", status = 404, detail = "No endpoint at this path.", code = "UNKNOWN_PATH" })
      status_code  = "404"
    }
  }

  condition {
    path_pattern {
      values = ["/api/v1/*"]
    }
  }

  tags = var.tags
}

################################################################################
# Web app bucket
################################################################################

data "aws_iam_policy_document" "spa" {
  statement {
    sid       = "CloudFrontReadsWebApp"
    actions   = ["s3:GetObject"]
    resources = ["${module.spa_bucket.arn}/*"]

    principals {
      type        = "Service"
      identifiers = ["cloudfront.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "AWS:SourceArn"
      values   = [aws_cloudfront_distribution.this.arn]
    }
  }
}

module "spa_bucket" {
  source = "../s3-bucket"

  bucket           = "${var.name}-web-${local.account_id}-${local.region}"
  force_destroy    = var.force_destroy
  policy_documents = [data.aws_iam_policy_document.spa.json]

  tags = var.tags
}

################################################################################
# CloudFront
################################################################################

data "aws_cloudfront_cache_policy" "optimized" {
  name = "Managed-CachingOptimized"
}

data "aws_cloudfront_cache_policy" "disabled" {
  name = "Managed-CachingDisabled"
}

# Forwards every viewer header (Authorization, Sec-WebSocket-*, Host), query string and cookie, plus
# CloudFront-Viewer-Address: the client IP the services rate-limit on. Forwarding Host also makes CloudFront
# verify the ALB certificate against domain_name.
data "aws_cloudfront_origin_request_policy" "all_viewer" {
  name = "Managed-AllViewerAndCloudFrontHeaders-2022-06"
}

data "aws_cloudfront_response_headers_policy" "security_headers" {
  name = "Managed-SecurityHeadersPolicy"
}

resource "aws_cloudfront_origin_access_control" "this" {
  name                              = "${var.name}-web"
  description                       = "CloudFront access to the ${var.name} web app bucket"
  origin_access_control_origin_type = "s3"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}

resource "aws_cloudfront_vpc_origin" "alb" {
  vpc_origin_endpoint_config {
    name                   = "${var.name}-alb"
    arn                    = aws_lb.this.arn
    http_port              = 80
    https_port             = 443
    origin_protocol_policy = "https-only"

    origin_ssl_protocols {
      items    = ["TLSv1.2"]
      quantity = 1
    }
  }

  tags = var.tags
}

resource "aws_cloudfront_function" "spa_routing" {
  name    = "${var.name}-spa-routing"
  runtime = "cloudfront-js-2.0"
  comment = "Serve index.html for client-side routes"
  code    = file("${path.module}/functions/spa-routing.js")
  publish = true
}

resource "aws_cloudfront_distribution" "this" {
  enabled         = true
  comment         = "${var.name}: web app and APIs"
  aliases         = [var.domain_name]
  http_version    = "http2and3"
  is_ipv6_enabled = true
  price_class     = var.price_class
  web_acl_id      = var.enable_waf ? aws_wafv2_web_acl.this[0].arn : null

  default_root_object = "index.html"

  origin {
    origin_id                = "web"
    domain_name              = module.spa_bucket.bucket_regional_domain_name
    origin_access_control_id = aws_cloudfront_origin_access_control.this.id
  }

  origin {
    origin_id   = "alb"
    domain_name = aws_lb.this.dns_name

    vpc_origin_config {
      vpc_origin_id            = aws_cloudfront_vpc_origin.alb.id
      origin_keepalive_timeout = 60
      origin_read_timeout      = 60
    }
  }

  default_cache_behavior {
    target_origin_id           = "web"
    viewer_protocol_policy     = "redirect-to-https"
    allowed_methods            = ["GET", "HEAD", "OPTIONS"]
    cached_methods             = ["GET", "HEAD"]
    compress                   = true
    cache_policy_id            = data.aws_cloudfront_cache_policy.optimized.id
    response_headers_policy_id = data.aws_cloudfront_response_headers_policy.security_headers.id

    function_association {
      event_type   = "viewer-request"
      function_arn = aws_cloudfront_function.spa_routing.arn
    }
  }

  dynamic "ordered_cache_behavior" {
    for_each = local.cloudfront_paths

    content {
      path_pattern             = ordered_cache_behavior.value
      target_origin_id         = "alb"
      viewer_protocol_policy   = "https-only"
      allowed_methods          = ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"]
      cached_methods           = ["GET", "HEAD"]
      compress                 = true
      cache_policy_id          = data.aws_cloudfront_cache_policy.disabled.id
      origin_request_policy_id = data.aws_cloudfront_origin_request_policy.all_viewer.id
    }
  }

  viewer_certificate {
    acm_certificate_arn      = var.cloudfront_certificate_arn
    ssl_support_method       = "sni-only"
    minimum_protocol_version = var.viewer_minimum_protocol_version
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  tags = var.tags
}

resource "aws_route53_record" "this" {
  for_each = var.route53_zone_id != null ? toset(["A", "AAAA"]) : toset([])

  zone_id = var.route53_zone_id
  name    = var.domain_name
  type    = each.value

  alias {
    name                   = aws_cloudfront_distribution.this.domain_name
    zone_id                = aws_cloudfront_distribution.this.hosted_zone_id
    evaluate_target_health = false
  }
}

# Route 53 health checks from several regions against the public name: the front end (CloudFront and S3) and
# each path in health_check_paths (through CloudFront and the ALB to a service). Their CloudWatch metrics
# (AWS/Route53 HealthCheckStatus, in us-east-1) are what an on-call alarm or a failover record reads.
resource "aws_route53_health_check" "this" {
  for_each = var.enable_health_checks ? toset(var.health_check_paths) : toset([])

  fqdn              = var.domain_name
  port              = 443
  type              = "HTTPS"
  resource_path     = each.value
  enable_sni        = true
  request_interval  = 30
  failure_threshold = 3
  measure_latency   = true

  tags = merge(var.tags, { Name = "${var.name}${each.value}" })
}

################################################################################
# WAF (CloudFront scope: managed from us-east-1)
################################################################################

resource "aws_wafv2_web_acl" "this" {
  count = var.enable_waf ? 1 : 0

  region      = "us-east-1"
  name        = var.name
  description = "Managed protections and per-IP rate limits for ${var.domain_name}"
  scope       = "CLOUDFRONT"

  default_action {
    allow {}
  }

  # Same shape as the exchange's own rate-limit errors (Binance code -1003).
  custom_response_body {
    key          = "too-many-requests"
    content_type = "APPLICATION_JSON"
    content      = jsonencode({ code = -1003, msg = "Too many requests; slow down." })
  }

  rule {
    name     = "aws-ip-reputation"
    priority = 0

    override_action {
      none {}
    }

    statement {
      managed_rule_group_statement {
        vendor_name = "AWS"
        name        = "AWSManagedRulesAmazonIpReputationList"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${var.name}-ip-reputation"
      sampled_requests_enabled   = true
    }
  }

  rule {
    name     = "aws-known-bad-inputs"
    priority = 1

    override_action {
      none {}
    }

    statement {
      managed_rule_group_statement {
        vendor_name = "AWS"
        name        = "AWSManagedRulesKnownBadInputsRuleSet"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${var.name}-known-bad-inputs"
      sampled_requests_enabled   = true
    }
  }

  rule {
    name     = "rate-limit-orders-per-ip"
    priority = 2

    action {
      block {
        custom_response {
          response_code            = 429
          custom_response_body_key = "too-many-requests"

          response_header {
            name  = "Retry-After"
            value = tostring(var.rate_limit_window_seconds)
          }
        }
      }
    }

    statement {
      rate_based_statement {
        aggregate_key_type    = "IP"
        limit                 = var.order_rate_limit_per_ip
        evaluation_window_sec = var.rate_limit_window_seconds

        scope_down_statement {
          byte_match_statement {
            search_string         = "/api/v1/orders"
            positional_constraint = "STARTS_WITH"

            field_to_match {
              uri_path {}
            }

            text_transformation {
              priority = 0
              type     = "NONE"
            }
          }
        }
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${var.name}-rate-limit-orders"
      sampled_requests_enabled   = true
    }
  }

  rule {
    name     = "rate-limit-per-ip"
    priority = 3

    action {
      block {
        custom_response {
          response_code            = 429
          custom_response_body_key = "too-many-requests"

          response_header {
            name  = "Retry-After"
            value = tostring(var.rate_limit_window_seconds)
          }
        }
      }
    }

    statement {
      rate_based_statement {
        aggregate_key_type    = "IP"
        limit                 = var.rate_limit_per_ip
        evaluation_window_sec = var.rate_limit_window_seconds
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${var.name}-rate-limit"
      sampled_requests_enabled   = true
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = var.name
    sampled_requests_enabled   = true
  }

  tags = var.tags
}
