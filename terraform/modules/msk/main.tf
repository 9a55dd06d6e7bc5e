locals {
  # Broker defaults. Topics created below also set min.insync.replicas and retention explicitly, so a topic
  # created by hand gets the same guarantees as one created here.
  server_properties = {
    "auto.create.topics.enable"                = "false"
    "default.replication.factor"               = var.replication_factor
    "min.insync.replicas"                      = var.min_insync_replicas
    "num.partitions"                           = var.default_partitions
    "offsets.topic.replication.factor"         = var.replication_factor
    "transaction.state.log.replication.factor" = var.replication_factor
    "transaction.state.log.min.isr"            = var.min_insync_replicas
    "transaction.max.timeout.ms"               = var.transaction_max_timeout_ms
    "log.retention.hours"                      = var.retention_hours
    "unclean.leader.election.enable"           = "false"
    # Lets consumers that set client.rack read from a replica in their own zone (cross-zone traffic is billed).
    "replica.selector.class" = "org.apache.kafka.common.replica.RackAwareReplicaSelector"
  }

  # MSK resource ARNs share the cluster's "<name>/<uuid>" suffix: arn:aws:kafka:<region>:<account>:cluster/<name>/<uuid>
  cluster_arn_suffix = split(":cluster/", aws_msk_cluster.this.arn)[1]
  arn_prefix         = split(":cluster/", aws_msk_cluster.this.arn)[0]

  topic_configs = {
    for name, topic in var.topics : name => merge(
      {
        "cleanup.policy"      = topic.compacted ? "compact" : "delete"
        "min.insync.replicas" = tostring(var.min_insync_replicas)
      },
      # Compacted topics keep the latest record per key for good; event topics expire.
      { for key, value in { "retention.ms" = tostring(coalesce(topic.retention_hours, var.retention_hours) * 3600000) } : key => value if !topic.compacted },
      topic.configs,
    )
  }

  topic_arns         = "${local.arn_prefix}:topic/${local.cluster_arn_suffix}/*"
  group_arns         = "${local.arn_prefix}:group/${local.cluster_arn_suffix}/*"
  transactional_arns = "${local.arn_prefix}:transactional-id/${local.cluster_arn_suffix}/*"
}

################################################################################
# Security group
################################################################################

resource "aws_security_group" "this" {
  name        = "${var.name}-msk"
  description = "MSK brokers: IAM-authenticated TLS clients only"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = "${var.name}-msk" })
}

resource "aws_vpc_security_group_ingress_rule" "clients" {
  for_each = var.allowed_security_group_ids

  security_group_id            = aws_security_group.this.id
  description                  = "Kafka over TLS with IAM auth from ${each.key}"
  referenced_security_group_id = each.value
  ip_protocol                  = "tcp"
  from_port                    = 9098
  to_port                      = 9098
}

resource "aws_vpc_security_group_ingress_rule" "brokers" {
  security_group_id            = aws_security_group.this.id
  description                  = "Broker to broker replication"
  referenced_security_group_id = aws_security_group.this.id
  ip_protocol                  = "-1"
}

resource "aws_vpc_security_group_egress_rule" "brokers" {
  security_group_id            = aws_security_group.this.id
  description                  = "Broker to broker replication"
  referenced_security_group_id = aws_security_group.this.id
  ip_protocol                  = "-1"
}

################################################################################
# Cluster
################################################################################

resource "aws_msk_configuration" "this" {
  name              = "${var.name}-${replace(var.kafka_version, ".", "-")}"
  kafka_versions    = [var.kafka_version]
  server_properties = join("\n", [for key, value in local.server_properties : "${key} = ${value}"])

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_cloudwatch_log_group" "this" {
  name              = "/aws/msk/${var.name}"
  retention_in_days = var.log_retention_days

  tags = var.tags
}

resource "aws_msk_cluster" "this" {
  cluster_name           = var.name
  kafka_version          = var.kafka_version
  number_of_broker_nodes = var.broker_count
  enhanced_monitoring    = var.enhanced_monitoring

  broker_node_group_info {
    instance_type   = var.broker_instance_type
    client_subnets  = var.subnet_ids
    security_groups = [aws_security_group.this.id]

    storage_info {
      ebs_storage_info {
        volume_size = var.broker_volume_size
      }
    }
  }

  configuration_info {
    arn      = aws_msk_configuration.this.arn
    revision = aws_msk_configuration.this.latest_revision
  }

  client_authentication {
    unauthenticated = false

    sasl {
      iam = true
    }
  }

  encryption_info {
    encryption_at_rest_kms_key_arn = var.encryption_at_rest_kms_key_arn

    encryption_in_transit {
      client_broker = "TLS"
      in_cluster    = true
    }
  }

  open_monitoring {
    prometheus {
      jmx_exporter {
        enabled_in_broker = true
      }
      node_exporter {
        enabled_in_broker = true
      }
    }
  }

  logging_info {
    broker_logs {
      cloudwatch_logs {
        enabled   = true
        log_group = aws_cloudwatch_log_group.this.name
      }
    }
  }

  tags = var.tags
}

################################################################################
# Topics
################################################################################

resource "aws_msk_topic" "this" {
  for_each = var.create_topics ? var.topics : {}

  cluster_arn        = aws_msk_cluster.this.arn
  name               = each.key
  partition_count    = coalesce(each.value.partitions, var.default_partitions)
  replication_factor = var.replication_factor

  configs = jsonencode(local.topic_configs[each.key])
}

################################################################################
# Client policies (IAM access control: kafka-cluster:* actions)
################################################################################

data "aws_iam_policy_document" "read" {
  statement {
    sid       = "Connect"
    actions   = ["kafka-cluster:Connect", "kafka-cluster:DescribeCluster"]
    resources = [aws_msk_cluster.this.arn]
  }

  statement {
    sid = "ReadTopics"
    actions = [
      "kafka-cluster:DescribeTopic",
      "kafka-cluster:DescribeTopicDynamicConfiguration",
      "kafka-cluster:ReadData",
    ]
    resources = [local.topic_arns]
  }

  statement {
    sid       = "ConsumerGroups"
    actions   = ["kafka-cluster:AlterGroup", "kafka-cluster:DescribeGroup"]
    resources = [local.group_arns]
  }
}

data "aws_iam_policy_document" "write" {
  statement {
    sid       = "Connect"
    actions   = ["kafka-cluster:Connect", "kafka-cluster:DescribeCluster", "kafka-cluster:WriteDataIdempotently"]
    resources = [aws_msk_cluster.this.arn]
  }

  statement {
    sid       = "WriteTopics"
    actions   = ["kafka-cluster:DescribeTopic", "kafka-cluster:WriteData"]
    resources = [local.topic_arns]
  }

  # Exactly-once Kafka sinks commit through transactions (and list them on recovery).
  statement {
    sid       = "Transactions"
    actions   = ["kafka-cluster:AlterTransactionalId", "kafka-cluster:DescribeTransactionalId"]
    resources = [local.transactional_arns]
  }
}

resource "aws_iam_policy" "read" {
  name        = "${var.name}-msk-read"
  description = "Consume any topic of ${var.name} with IAM auth"
  policy      = data.aws_iam_policy_document.read.json

  tags = var.tags
}

resource "aws_iam_policy" "write" {
  name        = "${var.name}-msk-write"
  description = "Produce (idempotently and transactionally) to any topic of ${var.name} with IAM auth"
  policy      = data.aws_iam_policy_document.write.json

  tags = var.tags
}

################################################################################
# Producer policies scoped per principal: the topics it may write and the transactional ids it may use
################################################################################

data "aws_iam_policy_document" "producer" {
  for_each = var.producers

  statement {
    sid       = "Connect"
    actions   = ["kafka-cluster:Connect", "kafka-cluster:DescribeCluster", "kafka-cluster:WriteDataIdempotently"]
    resources = [aws_msk_cluster.this.arn]
  }

  statement {
    sid       = "WriteItsTopics"
    actions   = ["kafka-cluster:DescribeTopic", "kafka-cluster:WriteData"]
    resources = [for topic in each.value.topics : "${local.arn_prefix}:topic/${local.cluster_arn_suffix}/${topic}"]
  }

  dynamic "statement" {
    for_each = length(each.value.transactional_ids) > 0 ? [1] : []

    content {
      sid       = "ItsTransactions"
      actions   = ["kafka-cluster:AlterTransactionalId", "kafka-cluster:DescribeTransactionalId"]
      resources = [for id in each.value.transactional_ids : "${local.arn_prefix}:transactional-id/${local.cluster_arn_suffix}/${id}"]
    }
  }

  # A transactional writer reads the brokers' transaction.max.timeout.ms before its first transaction
  # (KafkaOut.checkTransactionTimeout in flink-jobs: describeConfigs of a broker).
  dynamic "statement" {
    for_each = length(each.value.transactional_ids) > 0 ? [1] : []

    content {
      sid       = "BrokerConfiguration"
      actions   = ["kafka-cluster:DescribeClusterDynamicConfiguration"]
      resources = [aws_msk_cluster.this.arn]
    }
  }
}

resource "aws_iam_policy" "producer" {
  for_each = var.producers

  name        = "${var.name}-msk-write-${each.key}"
  description = "Produce to the topics of ${each.key} only (${join(", ", each.value.topics)}) with IAM auth"
  policy      = data.aws_iam_policy_document.producer[each.key].json

  tags = var.tags
}

################################################################################
# Consumer policies scoped per principal: the topics it may read and the consumer groups it may use
################################################################################

data "aws_iam_policy_document" "consumer" {
  for_each = var.consumers

  statement {
    sid       = "Connect"
    actions   = ["kafka-cluster:Connect", "kafka-cluster:DescribeCluster"]
    resources = [aws_msk_cluster.this.arn]
  }

  statement {
    sid = "ReadItsTopics"
    actions = [
      "kafka-cluster:DescribeTopic",
      "kafka-cluster:DescribeTopicDynamicConfiguration",
      "kafka-cluster:ReadData",
    ]
    resources = [for topic in each.value.topics : "${local.arn_prefix}:topic/${local.cluster_arn_suffix}/${topic}"]
  }

  statement {
    sid       = "ItsGroups"
    actions   = ["kafka-cluster:AlterGroup", "kafka-cluster:DescribeGroup"]
    resources = [for group in each.value.groups : "${local.arn_prefix}:group/${local.cluster_arn_suffix}/${group}"]
  }
}

resource "aws_iam_policy" "consumer" {
  for_each = var.consumers

  name        = "${var.name}-msk-read-${each.key}"
  description = "Consume the topics of ${each.key} only (${join(", ", each.value.topics)}) with IAM auth"
  policy      = data.aws_iam_policy_document.consumer[each.key].json

  tags = var.tags
}
