variable "name" {
  description = "Name prefix for every resource; also the target group name prefix, so keep it at most 15 characters."
  type        = string

  validation {
    condition     = length(var.name) <= 15
    error_message = "Target group names are limited to 32 characters: <name>-history-service must fit."
  }
}

variable "vpc_id" {
  description = "ID of the VPC of the ALB and the service pods."
  type        = string
}

variable "vpc_cidr_block" {
  description = "CIDR of the VPC: the ALB may only send traffic to targets inside it."
  type        = string
}

variable "private_subnet_ids" {
  description = "Private subnets for the internal ALB (at least two zones)."
  type        = list(string)
}

variable "target_security_group_id" {
  description = "Security group of the pods behind the ALB (the EKS cluster security group); the ALB is allowed into it on the service and management ports."
  type        = string
}

variable "domain_name" {
  description = "Public host name of the exchange, e.g. `exchange.example.com`: the CloudFront alias and the name on both certificates."
  type        = string
}

variable "cloudfront_certificate_arn" {
  description = "ACM certificate for domain_name in us-east-1 (CloudFront only accepts certificates from that region)."
  type        = string
}

variable "alb_certificate_arn" {
  description = "ACM certificate for domain_name in the stack's region, presented by the ALB to CloudFront."
  type        = string
}

variable "route53_zone_id" {
  description = "Route 53 hosted zone of domain_name; when set, alias records pointing at CloudFront are created."
  type        = string
  default     = null
}

variable "routes" {
  description = "Path patterns per service, the same routes the local reverse proxy serves. Everything else is the web app from S3."
  type        = map(list(string))
  default = {
    "edge-api"        = ["/api/v1/orders*", "/api/v1/instruments*", "/api/v1/admin/*", "/api/v1/assets*", "/api/v1/api-keys*", "/api/v1/alerts*", "/api/v3/order/test", "/api/v3/userDataStream"]
    "history-service" = ["/api/v1/history/*", "/api/v1/account*", "/api/v3/klines", "/api/v3/trades", "/api/v3/historicalTrades", "/api/v3/aggTrades", "/api/v3/exchangeInfo", "/api/v3/allOrders", "/api/v3/myTrades", "/api/v3/account"]
    "ws-relay"        = ["/ws", "/ws/*", "/ws-api/*", "/stream*", "/api/v3/depth", "/api/v3/ticker/*", "/api/v1/ws-ticket"]
  }
}

variable "method_routes" {
  description = "Paths two services share by HTTP method, the same split the local reverse proxy makes (stack ReverseProxy.BY_METHOD): Binance's signed order paths, read on history-service, written (orders, cancels) on edge-api. Other methods get the listener's 404. CloudFront sends them to the ALB through its /api/* behaviour."
  type = list(object({
    service = string
    paths   = list(string)
    methods = list(string)
  }))
  default = [
    { service = "history-service", paths = ["/api/v3/order", "/api/v3/openOrders"], methods = ["GET"] },
    { service = "edge-api", paths = ["/api/v3/order", "/api/v3/openOrders"], methods = ["POST", "DELETE"] },
  ]
}

variable "service_port" {
  description = "Container port the services answer HTTP and WebSocket traffic on."
  type        = number
  default     = 8080
}

variable "health_check_port" {
  description = "Management port serving /actuator/health/readiness."
  type        = number
  default     = 8081
}

variable "alb_ssl_policy" {
  description = "TLS policy of the ALB listener. The default, ELBSecurityPolicy-TLS13-1-3-2021-06, is TLS 1.3 only; ELBSecurityPolicy-TLS13-1-2-2021-06 also accepts 1.2."
  type        = string
  default     = "ELBSecurityPolicy-TLS13-1-3-2021-06"
}

variable "viewer_minimum_protocol_version" {
  description = "CloudFront security policy towards browsers and bots. The default, TLSv1.3_2025, is TLS 1.3 only; TLSv1.2_2025 also accepts 1.2 (older clients)."
  type        = string
  default     = "TLSv1.3_2025"
}

variable "idle_timeout" {
  description = "ALB idle timeout in seconds. WebSocket streams stay open through it as long as some frame (data or ping) flows within the window."
  type        = number
  default     = 300
}

variable "price_class" {
  description = "CloudFront price class (which edge locations serve traffic)."
  type        = string
  default     = "PriceClass_100"
}

variable "enable_waf" {
  description = "Attach a WAF web ACL with managed rules and per-IP rate limits to the distribution."
  type        = bool
  default     = true
}

variable "rate_limit_window_seconds" {
  description = "Window of the WAF rate-based rules (60, 120, 300 or 600 seconds)."
  type        = number
  default     = 60
}

variable "rate_limit_per_ip" {
  description = "Requests one IP may send per window across the whole site before WAF answers 429."
  type        = number
  default     = 3000
}

variable "order_rate_limit_per_ip" {
  description = "Order placements and cancels (non-GET requests to /api/v1/orders) one IP may send per window. Per-account limits are enforced by edge-api."
  type        = number
  default     = 1200
}

variable "enable_deletion_protection" {
  description = "Protect the ALB from deletion."
  type        = bool
  default     = true
}

variable "force_destroy" {
  description = "Allow destroying the web app bucket while it still holds files (dev only)."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Tags applied to every resource."
  type        = map(string)
  default     = {}
}

variable "enable_health_checks" {
  description = "Create Route 53 health checks of domain_name (one per health_check_paths entry)."
  type        = bool
  default     = true
}

variable "health_check_paths" {
  description = "Paths the Route 53 health checks request over HTTPS: the front end and a cheap public GET of edge-api."
  type        = list(string)
  default     = ["/", "/api/v1/assets"]
}
