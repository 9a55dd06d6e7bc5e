data "aws_caller_identity" "current" {}
data "aws_region" "current" {}

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
    pending_records_threshold      = var.pending_records_threshold
  })
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
