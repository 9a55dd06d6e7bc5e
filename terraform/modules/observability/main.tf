data "aws_caller_identity" "current" {}
data "aws_region" "current" {}
data "aws_partition" "current" {}

locals {
  scrape_configuration = templatefile("${path.module}/templates/scrape-config.yaml.tftpl", {
    cluster_name    = var.cluster_name
    scrape_interval = var.scrape_interval
  })
}

################################################################################
# Alarm topic
################################################################################

resource "aws_sns_topic" "this" {
  name = "${var.name}-alarms"

  tags = var.tags
}

data "aws_iam_policy_document" "alarm_topic" {
  statement {
    sid       = "AccountOwner"
    actions   = ["sns:Publish", "sns:Subscribe", "sns:GetTopicAttributes", "sns:SetTopicAttributes", "sns:ListSubscriptionsByTopic"]
    resources = [aws_sns_topic.this.arn]

    principals {
      type        = "AWS"
      identifiers = [data.aws_caller_identity.current.account_id]
    }
  }

  statement {
    sid       = "AlarmSources"
    actions   = ["sns:Publish", "sns:GetTopicAttributes"]
    resources = [aws_sns_topic.this.arn]

    principals {
      type        = "Service"
      identifiers = ["aps.amazonaws.com", "cloudwatch.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_sns_topic_policy" "this" {
  arn    = aws_sns_topic.this.arn
  policy = data.aws_iam_policy_document.alarm_topic.json
}

resource "aws_sns_topic_subscription" "email" {
  for_each = toset(var.alarm_emails)

  topic_arn = aws_sns_topic.this.arn
  protocol  = "email"
  endpoint  = each.value
}

################################################################################
# Prometheus: workspace, managed scraper, alert rules
################################################################################

resource "aws_prometheus_workspace" "this" {
  alias = var.name

  tags = var.tags
}

# Scrapes from inside the VPC; with the cluster's API authentication mode, AWS creates the access entry
# that lets it discover pods.
resource "aws_prometheus_scraper" "this" {
  count = var.enable_managed_scraper ? 1 : 0

  alias                = var.name
  scrape_configuration = local.scrape_configuration

  source {
    eks {
      cluster_arn        = var.cluster_arn
      subnet_ids         = var.scraper_subnet_ids
      security_group_ids = var.scraper_security_group_ids
    }
  }

  destination {
    amp {
      workspace_arn = aws_prometheus_workspace.this.arn
    }
  }

  tags = var.tags
}

resource "aws_prometheus_rule_group_namespace" "this" {
  name         = "exchange"
  workspace_id = aws_prometheus_workspace.this.id
  data = templatefile("${path.module}/templates/alert-rules.yaml.tftpl", {
    iceberg_commit_max_age_seconds = var.iceberg_commit_max_age_seconds
  })
}

# The exchange's own meters (services and jobs), the same file the local Prometheus loads and promtool tests
# (rules/exchange.rules.yml, PrometheusRulesTest).
resource "aws_prometheus_rule_group_namespace" "exchange" {
  name         = "exchange-meters"
  workspace_id = aws_prometheus_workspace.this.id
  data         = file("${path.module}/rules/exchange.rules.yml")
}

resource "aws_prometheus_alert_manager_definition" "this" {
  workspace_id = aws_prometheus_workspace.this.id
  definition = yamlencode({
    alertmanager_config = yamlencode({
      route = {
        receiver        = "sns"
        group_by        = ["alertname", "job_name"]
        repeat_interval = "3h"
      }
      receivers = [{
        name = "sns"
        sns_configs = [{
          topic_arn = aws_sns_topic.this.arn
          sigv4     = { region = data.aws_region.current.region }
        }]
      }]
    })
  })
}

################################################################################
# CloudWatch alarms on MSK
################################################################################

resource "aws_cloudwatch_metric_alarm" "consumer_lag" {
  for_each = var.consumer_lag_alarms

  alarm_name        = "${var.name}-consumer-lag-${each.key}"
  alarm_description = "Consumer group ${each.value.consumer_group} is more than ${each.value.threshold_seconds}s behind on ${each.value.topic}."
  namespace         = "AWS/Kafka"
  metric_name       = "EstimatedMaxTimeLag"
  dimensions = {
    "Cluster Name"   = var.msk_cluster_name
    "Consumer Group" = each.value.consumer_group
    "Topic"          = each.value.topic
  }

  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 5
  datapoints_to_alarm = 3
  comparison_operator = "GreaterThanThreshold"
  threshold           = each.value.threshold_seconds
  treat_missing_data  = "missing"

  alarm_actions = [aws_sns_topic.this.arn]
  ok_actions    = [aws_sns_topic.this.arn]

  tags = var.tags
}

resource "aws_cloudwatch_metric_alarm" "msk_disk" {
  count = var.msk_broker_count

  alarm_name        = "${var.name}-msk-disk-broker-${count.index + 1}"
  alarm_description = "Broker ${count.index + 1} of ${var.msk_cluster_name} has used more than ${var.msk_disk_used_percent_threshold}% of its data volume."
  namespace         = "AWS/Kafka"
  metric_name       = "KafkaDataLogsDiskUsed"
  dimensions = {
    "Cluster Name" = var.msk_cluster_name
    "Broker ID"    = tostring(count.index + 1)
  }

  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 2
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.msk_disk_used_percent_threshold
  treat_missing_data  = "missing"

  alarm_actions = [aws_sns_topic.this.arn]
  ok_actions    = [aws_sns_topic.this.arn]

  tags = var.tags
}

################################################################################
# Amazon Managed Grafana: a workspace reading the Prometheus workspace
################################################################################

data "aws_iam_policy_document" "grafana_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["grafana.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_iam_role" "grafana" {
  count = var.enable_grafana ? 1 : 0

  name               = "${var.name}-grafana"
  assume_role_policy = data.aws_iam_policy_document.grafana_assume.json

  tags = var.tags
}

data "aws_iam_policy_document" "grafana" {
  statement {
    sid       = "QueryTheExchangeWorkspace"
    actions   = ["aps:QueryMetrics", "aps:GetSeries", "aps:GetLabels", "aps:GetMetricMetadata"]
    resources = [aws_prometheus_workspace.this.arn]
  }

  statement {
    sid       = "ListWorkspaces"
    actions   = ["aps:ListWorkspaces", "aps:DescribeWorkspace"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "grafana" {
  count = var.enable_grafana ? 1 : 0

  name   = "query-prometheus"
  role   = aws_iam_role.grafana[0].id
  policy = data.aws_iam_policy_document.grafana.json
}

resource "aws_grafana_workspace" "this" {
  count = var.enable_grafana ? 1 : 0

  name                     = var.name
  account_access_type      = "CURRENT_ACCOUNT"
  authentication_providers = ["AWS_SSO"]
  permission_type          = "CUSTOMER_MANAGED"
  role_arn                 = aws_iam_role.grafana[0].arn
  data_sources             = ["PROMETHEUS"]

  tags = var.tags
}

################################################################################
# Container logs: the CloudWatch Observability add-on (Fluent Bit) ships every container's stdout/stderr
################################################################################

data "aws_iam_policy_document" "container_logs_assume" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [var.oidc_provider_arn]
    }

    condition {
      test     = "StringEquals"
      variable = "${var.oidc_issuer}:sub"
      values   = ["system:serviceaccount:amazon-cloudwatch:cloudwatch-agent"]
    }

    condition {
      test     = "StringEquals"
      variable = "${var.oidc_issuer}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "container_logs" {
  count = var.enable_container_logs ? 1 : 0

  name               = "${var.name}-container-logs"
  assume_role_policy = data.aws_iam_policy_document.container_logs_assume.json

  tags = var.tags
}

resource "aws_iam_role_policy_attachment" "container_logs" {
  count = var.enable_container_logs ? 1 : 0

  role       = aws_iam_role.container_logs[0].name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/CloudWatchAgentServerPolicy"
}

resource "aws_eks_addon" "container_logs" {
  count = var.enable_container_logs ? 1 : 0

  cluster_name             = var.cluster_name
  addon_name               = "amazon-cloudwatch-observability"
  service_account_role_arn = aws_iam_role.container_logs[0].arn
  # Fluent Bit ships the logs to /aws/containerinsights/<cluster>/application. Enhanced Container Insights
  # (billed per observation) stays off: the exchange's metrics are in Prometheus.
  configuration_values = jsonencode({
    containerLogs = { enabled = true }
    agent         = { config = { logs = { metrics_collected = { kubernetes = { enhanced_container_insights = false } } } } }
  })

  tags = var.tags

  # The group exists, with its retention, before Fluent Bit would create it without one.
  depends_on = [aws_cloudwatch_log_group.application]
}

resource "aws_cloudwatch_log_group" "application" {
  count = var.enable_container_logs ? 1 : 0

  name              = "/aws/containerinsights/${var.cluster_name}/application"
  retention_in_days = var.container_log_retention_days

  tags = var.tags
}
