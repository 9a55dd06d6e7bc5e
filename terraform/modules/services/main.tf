data "aws_region" "current" {}

locals {
  region = data.aws_region.current.region

  image_repositories = var.create_ecr_repositories ? { for name, repository in aws_ecr_repository.this : name => repository.repository_url } : var.image_repositories

  labels = { for name in keys(var.services) : name => {
    "app.kubernetes.io/name"    = name
    "app.kubernetes.io/part-of" = "exchange"
  } }

  # Configuration contract: the services' `exchange.*` and standard Spring Boot properties, as environment
  # variables (Spring's relaxed binding maps EXCHANGE_KAFKA_BOOTSTRAP_SERVERS to exchange.kafka.bootstrap-servers;
  # the Kafka settings are KafkaConnection's in exchange-model). ConfigurationContractTest in conventions
  # fails on a variable no service reads and on a localhost default left in place.
  common_env = {
    AWS_REGION                                        = local.region
    SERVER_PORT                                       = tostring(var.service_port)
    SERVER_SHUTDOWN                                   = "graceful"
    MANAGEMENT_SERVER_PORT                            = tostring(var.management_port)
    MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED         = "true"
    EXCHANGE_SECURITY_ISSUER                          = var.jwt_issuer
    EXCHANGE_SECURITY_JWK_SET_URI                     = var.jwt_jwk_set_uri
    EXCHANGE_SECURITY_AUDIENCE                        = var.jwt_audience
    EXCHANGE_SECURITY_AUDIENCE_CLAIM                  = var.jwt_audience_claim
    EXCHANGE_SECURITY_ROLES_CLAIM                     = var.jwt_roles_claim
    EXCHANGE_KAFKA_BOOTSTRAP_SERVERS                  = var.kafka_bootstrap_servers
    EXCHANGE_KAFKA_SECURITY_PROTOCOL                  = "SASL_SSL"
    EXCHANGE_KAFKA_SASL_MECHANISM                     = "AWS_MSK_IAM"
    EXCHANGE_KAFKA_SASL_JAAS_CONFIG                   = "software.amazon.msk.auth.iam.IAMLoginModule required;"
    EXCHANGE_KAFKA_SASL_CLIENT_CALLBACK_HANDLER_CLASS = "software.amazon.msk.auth.iam.IAMClientCallbackHandler"
  }

  database_env = {
    SPRING_DATASOURCE_URL = var.jdbc_url
  }

  # The Iceberg catalog of the cold tier: the variables history-service and the lakehouse job read
  # (LakehouseCatalog.ENVIRONMENT in the lakehouse module).
  lakehouse_env = {
    EXCHANGE_LAKEHOUSE_CATALOG_IMPL = "org.apache.iceberg.aws.glue.GlueCatalog"
    EXCHANGE_LAKEHOUSE_IO_IMPL      = "org.apache.iceberg.aws.s3.S3FileIO"
    EXCHANGE_LAKEHOUSE_WAREHOUSE    = var.iceberg_warehouse
  }

  # JVM flags replacing the image's defaults for some services (a service's own `env` still wins). The relay
  # keeps ~80 KB of long-lived buffers per connection and its fan-out must neither pause for a young
  # collection nor stop to fault in fresh heap pages: ZGC, heap committed and touched at start
  # (docs/ws-relay.md, "Memory and JVM flags").
  java_tool_options = {
    "ws-relay" = "-XX:InitialRAMPercentage=75 -XX:MaxRAMPercentage=75 -XX:+UseZGC -XX:+AlwaysPreTouch -XX:+ExitOnOutOfMemoryError"
  }

  env = { for name, service in var.services : name => merge(
    local.common_env,
    service.database_access ? local.database_env : {},
    service.lakehouse_access ? local.lakehouse_env : {},
    contains(keys(local.java_tool_options), name) ? { JAVA_TOOL_OPTIONS = local.java_tool_options[name] } : {},
    service.env,
  ) }

  # IAM policies per service, keyed "<service>/<policy>" so the keys are known at plan time.
  policy_attachments = merge([for name, service in var.services : merge(
    service.kafka_access != "none" ? { "${name}/msk-read" = var.msk_read_policy_arn } : {},
    service.kafka_access == "read_write" ? { "${name}/msk-write" = lookup(var.msk_producer_policy_arns, name, var.msk_write_policy_arn) } : {},
    service.database_access ? { "${name}/database-secret" = lookup(var.database_role_secret_read_policy_arns, name, var.database_secret_read_policy_arn) } : {},
    service.lakehouse_access ? { "${name}/lakehouse-read" = var.lakehouse_read_policy_arn } : {},
    service.api_keys_access ? { "${name}/api-keys-secret" = one(aws_iam_policy.api_keys_secret_read[*].arn) } : {},
    service.webhook_key_access ? { "${name}/alerts-webhook-secret" = one(aws_iam_policy.alerts_webhook_secret_read[*].arn) } : {},
    service.smtp_access ? { "${name}/smtp-secret" = one(aws_iam_policy.smtp_secret_read[*].arn) } : {},
  )]...)

  database_services    = [for name, service in var.services : name if service.database_access]
  api_keys_services    = [for name, service in var.services : name if service.api_keys_access]
  webhook_key_services = [for name, service in var.services : name if service.webhook_key_access]
  smtp_services        = [for name, service in var.services : name if service.smtp_access]
  # Services that read a secret through External Secrets, each with its own SecretStore.
  secret_services = distinct(concat(local.database_services, local.api_keys_services, local.webhook_key_services, local.smtp_services))

  # SES's SMTP endpoint of the region and the sender (mail.tf); STARTTLS on 587.
  smtp_host = "email-smtp.${local.region}.amazonaws.com"
  smtp_from = var.mail != null ? var.mail.from : ""
}

################################################################################
# Images
################################################################################

resource "aws_ecr_repository" "this" {
  for_each = var.create_ecr_repositories ? var.services : {}

  name                 = "${var.name}/${each.key}"
  image_tag_mutability = "IMMUTABLE"
  force_delete         = var.force_destroy

  image_scanning_configuration {
    scan_on_push = true
  }

  tags = var.tags
}

resource "aws_ecr_lifecycle_policy" "this" {
  for_each = aws_ecr_repository.this

  repository = each.value.name
  policy = jsonencode({
    rules = [{
      rulePriority = 1
      description  = "Keep the last 50 images: enough to roll back through a month of releases"
      selection    = { tagStatus = "any", countType = "imageCountMoreThan", countNumber = 50 }
      action       = { type = "expire" }
    }]
  })
}

################################################################################
# IAM roles for the service accounts
################################################################################

data "aws_iam_policy_document" "assume" {
  for_each = var.services

  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [var.oidc_provider_arn]
    }

    condition {
      test     = "StringEquals"
      variable = "${var.oidc_issuer}:sub"
      values   = ["system:serviceaccount:${var.namespace}:${each.key}"]
    }

    condition {
      test     = "StringEquals"
      variable = "${var.oidc_issuer}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "this" {
  for_each = var.services

  name               = "${var.name}-${each.key}"
  assume_role_policy = data.aws_iam_policy_document.assume[each.key].json

  tags = var.tags
}

# The API key encryption key (var.api_keys_secret_arn), readable by the services with api_keys_access.
data "aws_iam_policy_document" "api_keys_secret_read" {
  count = var.api_keys_secret_arn != null ? 1 : 0

  statement {
    actions   = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]
    resources = [var.api_keys_secret_arn]
  }
}

resource "aws_iam_policy" "api_keys_secret_read" {
  count = var.api_keys_secret_arn != null ? 1 : 0

  name        = "${var.name}-api-keys-secret-read"
  description = "Read the API key encryption key from Secrets Manager"
  policy      = data.aws_iam_policy_document.api_keys_secret_read[0].json

  tags = var.tags
}

# The alert webhook key (var.alerts_webhook_secret_arn), readable by the services with webhook_key_access.
data "aws_iam_policy_document" "alerts_webhook_secret_read" {
  count = var.alerts_webhook_secret_arn != null ? 1 : 0

  statement {
    actions   = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]
    resources = [var.alerts_webhook_secret_arn]
  }
}

resource "aws_iam_policy" "alerts_webhook_secret_read" {
  count = var.alerts_webhook_secret_arn != null ? 1 : 0

  name        = "${var.name}-alerts-webhook-secret-read"
  description = "Read the alert webhook key from Secrets Manager"
  policy      = data.aws_iam_policy_document.alerts_webhook_secret_read[0].json

  tags = var.tags
}

resource "aws_iam_role_policy_attachment" "this" {
  for_each = local.policy_attachments

  role       = aws_iam_role.this[split("/", each.key)[0]].name
  policy_arn = each.value
}

################################################################################
# Kubernetes workloads
################################################################################

resource "kubernetes_namespace_v1" "this" {
  metadata {
    name = var.namespace
    labels = {
      "app.kubernetes.io/part-of" = "exchange"
      # Rolling updates wait until new pods are healthy in their ALB target group, not just Ready.
      "elbv2.k8s.aws/pod-readiness-gate-inject" = "enabled"
    }
  }
}

resource "random_password" "ws_ticket" {
  length  = 48
  special = false
}

resource "kubernetes_secret_v1" "ws_ticket" {
  metadata {
    name      = "ws-relay-ticket"
    namespace = kubernetes_namespace_v1.this.metadata[0].name
  }

  data = { secret = random_password.ws_ticket.result }
}

resource "kubernetes_service_account_v1" "this" {
  for_each = var.services

  metadata {
    name        = each.key
    namespace   = kubernetes_namespace_v1.this.metadata[0].name
    labels      = local.labels[each.key]
    annotations = { "eks.amazonaws.com/role-arn" = aws_iam_role.this[each.key].arn }
  }
}

resource "kubernetes_deployment_v1" "this" {
  for_each = var.services

  metadata {
    name      = each.key
    namespace = kubernetes_namespace_v1.this.metadata[0].name
    labels    = local.labels[each.key]
  }

  spec {
    replicas               = each.value.min_replicas
    revision_history_limit = 5

    selector {
      match_labels = { "app.kubernetes.io/name" = each.key }
    }

    strategy {
      type = "RollingUpdate"

      rolling_update {
        max_surge       = "25%"
        max_unavailable = "0"
      }
    }

    template {
      metadata {
        labels = local.labels[each.key]
        annotations = {
          "prometheus.io/scrape" = "true"
          "prometheus.io/port"   = tostring(var.management_port)
          "prometheus.io/path"   = "/actuator/prometheus"
        }
      }

      spec {
        service_account_name             = kubernetes_service_account_v1.this[each.key].metadata[0].name
        node_selector                    = var.node_selector
        termination_grace_period_seconds = 60

        security_context {
          run_as_non_root = true

          seccomp_profile {
            type = "RuntimeDefault"
          }
        }

        topology_spread_constraint {
          max_skew           = 1
          topology_key       = "topology.kubernetes.io/zone"
          when_unsatisfiable = "ScheduleAnyway"

          label_selector {
            match_labels = { "app.kubernetes.io/name" = each.key }
          }
        }

        container {
          name  = each.key
          image = "${local.image_repositories[each.key]}:${coalesce(each.value.image_tag, var.image_tag)}"

          port {
            name           = "http"
            container_port = var.service_port
          }

          port {
            name           = "management"
            container_port = var.management_port
          }

          dynamic "env" {
            for_each = local.env[each.key]

            content {
              name  = env.key
              value = env.value
            }
          }

          # The relays' shared key for private-stream tickets: one relay issues a ticket, another may redeem it.
          dynamic "env" {
            for_each = each.key == "ws-relay" ? { EXCHANGE_WS_TICKET_SECRET = "secret" } : {}

            content {
              name = env.key

              value_from {
                secret_key_ref {
                  name = kubernetes_secret_v1.ws_ticket.metadata[0].name
                  key  = env.value
                }
              }
            }
          }

          dynamic "env" {
            for_each = each.value.api_keys_access ? { EXCHANGE_API_KEYS_ENCRYPTION_KEY = "encryption-key" } : {}

            content {
              name = env.key

              value_from {
                secret_key_ref {
                  name = "${each.key}-api-keys"
                  key  = env.value
                }
              }
            }
          }

          dynamic "env" {
            for_each = each.value.webhook_key_access ? { EXCHANGE_ALERTS_WEBHOOK_KEY = "webhook-key" } : {}
            content {
              name = env.key
              value_from {
                secret_key_ref {
                  name = "${each.key}-alerts-webhook"
                  key  = env.value
                }
              }
            }
          }
          # SES's SMTP interface (mail.tf): the endpoint and sender, then the SMTP user's credentials.
          dynamic "env" {
            for_each = each.value.smtp_access ? { EXCHANGE_ALERT_DELIVERY_SMTP_HOST = local.smtp_host, EXCHANGE_ALERT_DELIVERY_SMTP_PORT = "587", EXCHANGE_ALERT_DELIVERY_SMTP_START_TLS = "true", EXCHANGE_ALERT_DELIVERY_SMTP_FROM = local.smtp_from } : {}
            content {
              name  = env.key
              value = env.value
            }
          }
          dynamic "env" {
            for_each = each.value.smtp_access ? { EXCHANGE_ALERT_DELIVERY_SMTP_USERNAME = "username", EXCHANGE_ALERT_DELIVERY_SMTP_PASSWORD = "password" } : {}
            content {
              name = env.key
              value_from {
                secret_key_ref {
                  name = "${each.key}-smtp"
                  key  = env.value
                }
              }
            }
          }
          dynamic "env" {
            for_each = each.value.database_access ? { SPRING_DATASOURCE_USERNAME = "username", SPRING_DATASOURCE_PASSWORD = "password" } : {}

            content {
              name = env.key

              value_from {
                secret_key_ref {
                  name = "${each.key}-database"
                  key  = env.value
                }
              }
            }
          }

          resources {
            requests = { cpu = each.value.cpu_request, memory = each.value.memory }
            limits   = { memory = each.value.memory }
          }

          startup_probe {
            http_get {
              path = "/actuator/health/liveness"
              port = "management"
            }
            period_seconds    = 5
            failure_threshold = 36
          }

          liveness_probe {
            http_get {
              path = "/actuator/health/liveness"
              port = "management"
            }
            period_seconds    = 10
            failure_threshold = 3
          }

          readiness_probe {
            http_get {
              path = "/actuator/health/readiness"
              port = "management"
            }
            period_seconds    = 5
            failure_threshold = 2
          }

          # Keep serving while the ALB deregisters the pod, then let Spring drain in-flight requests.
          lifecycle {
            pre_stop {
              exec {
                command = ["sleep", "15"]
              }
            }
          }

          security_context {
            allow_privilege_escalation = false
            read_only_root_filesystem  = true

            capabilities {
              drop = ["ALL"]
            }
          }

          volume_mount {
            name       = "tmp"
            mount_path = "/tmp"
          }
        }

        volume {
          name = "tmp"

          empty_dir {}
        }
      }
    }
  }

  lifecycle {
    # The HorizontalPodAutoscaler owns the replica count after creation.
    ignore_changes = [spec[0].replicas]
  }

  depends_on = [helm_release.bindings]
}

resource "kubernetes_service_v1" "this" {
  for_each = var.services

  metadata {
    name      = each.key
    namespace = kubernetes_namespace_v1.this.metadata[0].name
    labels    = local.labels[each.key]
  }

  spec {
    type     = "ClusterIP"
    selector = { "app.kubernetes.io/name" = each.key }

    port {
      name        = "http"
      port        = var.service_port
      target_port = "http"
    }

    port {
      name        = "management"
      port        = var.management_port
      target_port = "management"
    }
  }
}

resource "kubernetes_horizontal_pod_autoscaler_v2" "this" {
  for_each = var.services

  metadata {
    name      = each.key
    namespace = kubernetes_namespace_v1.this.metadata[0].name
    labels    = local.labels[each.key]
  }

  spec {
    min_replicas = each.value.min_replicas
    max_replicas = each.value.max_replicas

    scale_target_ref {
      api_version = "apps/v1"
      kind        = "Deployment"
      name        = kubernetes_deployment_v1.this[each.key].metadata[0].name
    }

    metric {
      type = "Resource"

      resource {
        name = "cpu"

        target {
          type                = "Utilization"
          average_utilization = each.value.target_cpu_utilization
        }
      }
    }

    behavior {
      # Scale out at once on a burst, scale in slowly: ws-relay clients must reconnect when a pod goes.
      scale_up {
        stabilization_window_seconds = 0

        policy {
          type           = "Percent"
          value          = 100
          period_seconds = 30
        }
      }

      scale_down {
        stabilization_window_seconds = 300

        policy {
          type           = "Pods"
          value          = 1
          period_seconds = 60
        }
      }
    }
  }
}

resource "kubernetes_pod_disruption_budget_v1" "this" {
  for_each = var.services

  metadata {
    name      = each.key
    namespace = kubernetes_namespace_v1.this.metadata[0].name
    labels    = local.labels[each.key]
  }

  spec {
    max_unavailable = "1"

    selector {
      match_labels = { "app.kubernetes.io/name" = each.key }
    }
  }
}

################################################################################
# Custom resources: ALB target group bindings and database credentials
#
# Through a local chart rather than kubernetes_manifest, which would need the CRDs at plan time.
################################################################################

locals {
  target_group_bindings = [
    for name, arn in var.target_group_arns : {
      apiVersion = "elbv2.k8s.aws/v1beta1"
      kind       = "TargetGroupBinding"
      metadata   = { name = name, namespace = var.namespace, labels = local.labels[name] }
      spec = {
        serviceRef     = { name = name, port = var.service_port }
        targetGroupARN = arn
        targetType     = "ip"
      }
    } if contains(keys(var.services), name)
  ]

  # Each service reads its secrets with its own role: one SecretStore per service account.
  secret_stores = [
    for name in local.secret_services : {
      apiVersion = "external-secrets.io/v1"
      kind       = "SecretStore"
      metadata   = { name = "${name}-aws", namespace = var.namespace }
      spec = {
        provider = {
          aws = {
            service = "SecretsManager"
            region  = local.region
            auth    = { jwt = { serviceAccountRef = { name = name } } }
          }
        }
      }
    }
  ]

  database_secrets = [
    for name in local.database_services : {
      apiVersion = "external-secrets.io/v1"
      kind       = "ExternalSecret"
      metadata   = { name = "${name}-database", namespace = var.namespace }
      spec = {
        refreshInterval = "15m"
        secretStoreRef  = { name = "${name}-aws", kind = "SecretStore" }
        target          = { name = "${name}-database" }
        dataFrom        = [{ extract = { key = lookup(var.database_role_secret_arns, name, var.database_secret_arn) } }]
      }
    }
  ]

  api_keys_secrets = [
    for name in local.api_keys_services : {
      apiVersion = "external-secrets.io/v1"
      kind       = "ExternalSecret"
      metadata   = { name = "${name}-api-keys", namespace = var.namespace }
      spec = {
        refreshInterval = "15m"
        secretStoreRef  = { name = "${name}-aws", kind = "SecretStore" }
        target          = { name = "${name}-api-keys" }
        dataFrom        = [{ extract = { key = var.api_keys_secret_arn } }]
      }
    }
  ]
  webhook_key_secrets = [
    for name in local.webhook_key_services : {
      apiVersion = "external-secrets.io/v1"
      kind       = "ExternalSecret"
      metadata   = { name = "${name}-alerts-webhook", namespace = var.namespace }
      spec = {
        refreshInterval = "15m"
        secretStoreRef  = { name = "${name}-aws", kind = "SecretStore" }
        target          = { name = "${name}-alerts-webhook" }
        dataFrom        = [{ extract = { key = var.alerts_webhook_secret_arn } }]
      }
    }
  ]
  smtp_secrets = [
    for name in local.smtp_services : {
      apiVersion = "external-secrets.io/v1"
      kind       = "ExternalSecret"
      metadata   = { name = "${name}-smtp", namespace = var.namespace }
      spec = {
        refreshInterval = "15m"
        secretStoreRef  = { name = "${name}-aws", kind = "SecretStore" }
        target          = { name = "${name}-smtp" }
        dataFrom        = [{ extract = { key = one(aws_secretsmanager_secret.smtp[*].arn) } }]
      }
    }
  ]
}

resource "helm_release" "bindings" {
  name        = "service-bindings"
  namespace   = kubernetes_namespace_v1.this.metadata[0].name
  chart       = "${path.module}/charts/manifests"
  description = "Custom resources reconciled by ${join(", ", compact(values(var.controllers)))}"

  values = [yamlencode({ manifests = concat(local.target_group_bindings, local.secret_stores, local.database_secrets, local.api_keys_secrets, local.webhook_key_secrets, local.smtp_secrets) })]

  lifecycle {
    precondition {
      condition     = length(local.api_keys_services) == 0 || var.api_keys_secret_arn != null
      error_message = "Services with api_keys_access need api_keys_secret_arn (a secret holding {\"encryption-key\": <base64 of 32 bytes>})."
    }
    precondition {
      condition     = length(local.webhook_key_services) == 0 || var.alerts_webhook_secret_arn != null
      error_message = "Services with webhook_key_access need alerts_webhook_secret_arn (a secret holding {\"webhook-key\": <base64 of 32 bytes>})."
    }
    precondition {
      condition     = length(local.smtp_services) == 0 || var.mail != null
      error_message = "Services with smtp_access need mail (the SES domain and sender address)."
    }
  }

  depends_on = [
    kubernetes_service_v1.this,
    kubernetes_service_account_v1.this,
  ]
}
