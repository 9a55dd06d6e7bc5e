output "cloudfront_distribution_id" {
  description = "ID of the CloudFront distribution (for cache invalidations after a web app deploy)."
  value       = aws_cloudfront_distribution.this.id
}

output "cloudfront_domain_name" {
  description = "CloudFront domain name; point domain_name at it when Route 53 is not used."
  value       = aws_cloudfront_distribution.this.domain_name
}

output "url" {
  description = "Public URL of the exchange."
  value       = "https://${var.domain_name}"
}

output "spa_bucket" {
  description = "Bucket to upload the built web app (frontend/dist) to."
  value       = module.spa_bucket.id
}

output "alb_arn" {
  description = "ARN of the internal ALB."
  value       = aws_lb.this.arn
}

output "alb_arn_suffix" {
  description = "ARN suffix of the ALB, the `LoadBalancer` dimension of its CloudWatch metrics."
  value       = aws_lb.this.arn_suffix
}

output "alb_security_group_id" {
  description = "ID of the ALB's security group."
  value       = aws_security_group.alb.id
}

output "target_group_arns" {
  description = "ARN of each service's target group, keyed by service name; bind the service pods to them."
  value       = { for service, group in aws_lb_target_group.this : service => group.arn }
}

output "web_acl_arn" {
  description = "ARN of the WAF web ACL, or null when WAF is disabled."
  value       = try(aws_wafv2_web_acl.this[0].arn, null)
}

output "health_check_ids" {
  description = "Route 53 health check IDs by path (alarm on their AWS/Route53 HealthCheckStatus metric in us-east-1)."
  value       = { for path, check in aws_route53_health_check.this : path => check.id }
}
