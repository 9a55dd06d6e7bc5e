################################################################################
# Flink: operator, job image, state bucket, and one FlinkDeployment per job
################################################################################

locals {
  flink_image_repository = var.create_flink_ecr_repository ? try(aws_ecr_repository.flink_jobs[0].repository_url, null) : var.flink_image_repository
  flink_image            = "${local.flink_image_repository}:${var.flink_image_tag}"

  # Checkpoints, savepoints and HA metadata go through the Presto S3 plugin baked into the image.
  flink_state_uri = "s3p://${try(module.flink_state[0].id, "")}"

  flink_uses_database = anytrue([for job in values(var.flink_jobs) : job.database_access])

  # Kafka's contract: KafkaConnection in exchange-model (docs/architecture.md, "Configuration").
  flink_kafka_env = [
    { name = "EXCHANGE_KAFKA_BOOTSTRAP_SERVERS", value = var.kafka_bootstrap_servers },
    { name = "EXCHANGE_KAFKA_SECURITY_PROTOCOL", value = "SASL_SSL" },
    { name = "EXCHANGE_KAFKA_SASL_MECHANISM", value = "AWS_MSK_IAM" },
    { name = "EXCHANGE_KAFKA_SASL_JAAS_CONFIG", value = "software.amazon.msk.auth.iam.IAMLoginModule required;" },
    { name = "EXCHANGE_KAFKA_SASL_CLIENT_CALLBACK_HANDLER_CLASS", value = "software.amazon.msk.auth.iam.IAMClientCallbackHandler" },
  ]

  # Settings shared by every job; a job's flink_configuration overrides them.
  flink_configuration = {
    "state.backend.type"                                        = "rocksdb"
    "execution.checkpointing.interval"                          = var.checkpoint_interval
    "execution.checkpointing.mode"                              = "EXACTLY_ONCE"
    "execution.checkpointing.incremental"                       = "true"
    "execution.checkpointing.num-retained"                      = "3"
    "execution.checkpointing.externalized-checkpoint-retention" = "RETAIN_ON_CANCELLATION"
    "state.changelog.storage"                                   = "filesystem"
    "state.changelog.dstl.dfs.base-path"                        = "${local.flink_state_uri}/changelog"
    "execution.state-recovery.claim-mode"                       = "CLAIM"
    "pipeline.max-parallelism"                                  = tostring(var.max_parallelism)
    "high-availability.type"                                    = "kubernetes"
    "restart-strategy.type"                                     = "exponential-delay"
    "metrics.reporter.prom.factory.class"                       = "org.apache.flink.metrics.prometheus.PrometheusReporterFactory"
    "metrics.reporter.prom.port"                                = "9249"
    "kubernetes.operator.periodic.savepoint.interval"           = var.periodic_savepoint_interval
    "kubernetes.operator.savepoint.history.max.age"             = "7 d"
    "kubernetes.operator.savepoint.history.max.count"           = "20"
    # Savepoints outlive the FlinkDeployment: deleting a job (or the module) leaves its last savepoints in the
    # state bucket to redeploy from (initial_savepoint_path); only the history limits above prune them.
    "kubernetes.operator.savepoint.dispose-on-delete"             = "false"
    "kubernetes.operator.job.upgrade.last-state-fallback.enabled" = "true"
    "kubernetes.operator.deployment.rollback.enabled"             = "true"
    "kubernetes.operator.deployment.readiness.timeout"            = "5 min"
  }

  # The jobs' configuration contract: environment variables read by the jobs' main methods (each job flag's
  # variable in flink-jobs' jobs.json; ConfigurationContractTest in conventions keeps both sides equal).
  flink_env = concat([{ name = "AWS_REGION", value = local.region }], local.flink_kafka_env)

  # The Iceberg catalog of the cold tier (LakehouseCatalog.ENVIRONMENT), for jobs with lakehouse_access.
  flink_lakehouse_env = [
    { name = "EXCHANGE_LAKEHOUSE_CATALOG_IMPL", value = "org.apache.iceberg.aws.glue.GlueCatalog" },
    { name = "EXCHANGE_LAKEHOUSE_IO_IMPL", value = "org.apache.iceberg.aws.s3.S3FileIO" },
    { name = "EXCHANGE_LAKEHOUSE_WAREHOUSE", value = var.iceberg_warehouse },
  ]

  flink_database_env = [
    { name = "EXCHANGE_JDBC_URL", value = var.jdbc_url },
    { name = "EXCHANGE_JDBC_USERNAME", valueFrom = { secretKeyRef = { name = "database-credentials", key = "username" } } },
    { name = "EXCHANGE_JDBC_PASSWORD", valueFrom = { secretKeyRef = { name = "database-credentials", key = "password" } } },
  ]

  flink_deployments = {
    for name, job in var.flink_jobs : name => {
      apiVersion = "flink.apache.org/v1beta1"
      kind       = "FlinkDeployment"
      metadata = {
        name      = name
        namespace = var.flink_namespace
        labels    = { "app.kubernetes.io/name" = name, "app.kubernetes.io/part-of" = "exchange" }
      }
      spec = merge({
        image           = local.flink_image
        imagePullPolicy = "IfNotPresent"
        flinkVersion    = var.flink_version
        serviceAccount  = "flink"
        flinkConfiguration = merge(
          local.flink_configuration,
          {
            "taskmanager.numberOfTaskSlots"         = tostring(job.task_slots)
            "execution.checkpointing.dir"           = "${local.flink_state_uri}/checkpoints/${name}"
            "execution.checkpointing.savepoint-dir" = "${local.flink_state_uri}/savepoints/${name}"
            "high-availability.storageDir"          = "${local.flink_state_uri}/ha/${name}"
          },
          job.flink_configuration,
        )
        podTemplate = {
          metadata = {
            annotations = {
              "prometheus.io/scrape" = "true"
              "prometheus.io/port"   = "9249"
              "prometheus.io/path"   = "/metrics"
            }
          }
          spec = {
            nodeSelector = var.flink_node_selector
            tolerations  = [for t in var.flink_tolerations : merge(t, { operator = "Equal" })]
            containers = [{
              name = "flink-main-container"
              env = concat(
                local.flink_env,
                [for entry in local.flink_database_env : entry if job.database_access],
                [for entry in local.flink_lakehouse_env : entry if job.lakehouse_access],
                [for key, value in job.env : { name = key, value = value }],
              )
              ports = [{ name = "metrics", containerPort = 9249 }]
            }]
          }
        }
        jobManager = {
          replicas = job.jobmanager_replicas
          resource = { cpu = job.jobmanager_cpu, memory = job.jobmanager_memory }
        }
        taskManager = {
          resource = { cpu = job.taskmanager_cpu, memory = job.taskmanager_memory }
        }
        job = merge(
          {
            jarURI                = "local:///opt/flink/usrlib/flink-jobs.jar"
            entryClass            = job.entry_class
            args                  = job.args
            parallelism           = job.parallelism
            upgradeMode           = "savepoint"
            state                 = job.state
            allowNonRestoredState = job.allow_non_restored_state
          },
          job.initial_savepoint_path != null ? { initialSavepointPath = job.initial_savepoint_path } : {},
          job.savepoint_redeploy_nonce != null ? { savepointRedeployNonce = job.savepoint_redeploy_nonce } : {},
        )
      }, job.restart_nonce != null ? { restartNonce = job.restart_nonce } : {})
    }
  }

  flink_secret_manifests = [
    {
      apiVersion = "external-secrets.io/v1"
      kind       = "SecretStore"
      metadata   = { name = "aws-secrets-manager", namespace = var.flink_namespace }
      spec = {
        provider = {
          aws = {
            service = "SecretsManager"
            region  = local.region
            auth    = { jwt = { serviceAccountRef = { name = "flink" } } }
          }
        }
      }
    },
    {
      apiVersion = "external-secrets.io/v1"
      kind       = "ExternalSecret"
      metadata   = { name = "database-credentials", namespace = var.flink_namespace }
      spec = {
        refreshInterval = "15m"
        secretStoreRef  = { name = "aws-secrets-manager", kind = "SecretStore" }
        target          = { name = "database-credentials" }
        dataFrom        = [{ extract = { key = var.database_secret_arn } }]
      }
    },
  ]
}

resource "kubernetes_namespace_v1" "flink" {
  count = var.enable_flink_operator ? 1 : 0

  metadata {
    name   = var.flink_namespace
    labels = { "app.kubernetes.io/part-of" = "exchange" }
  }
}

resource "aws_ecr_repository" "flink_jobs" {
  count = var.enable_flink_operator && var.create_flink_ecr_repository ? 1 : 0

  name                 = "${var.name}/flink-jobs"
  image_tag_mutability = "IMMUTABLE"
  force_delete         = var.force_destroy

  image_scanning_configuration {
    scan_on_push = true
  }

  tags = var.tags
}

resource "aws_ecr_lifecycle_policy" "flink_jobs" {
  count = var.enable_flink_operator && var.create_flink_ecr_repository ? 1 : 0

  repository = aws_ecr_repository.flink_jobs[0].name
  policy = jsonencode({
    rules = [{
      rulePriority = 1
      description  = "Keep the last 50 images: enough to roll back through a month of releases"
      selection    = { tagStatus = "any", countType = "imageCountMoreThan", countNumber = 50 }
      action       = { type = "expire" }
    }]
  })
}

module "flink_state" {
  source = "../s3-bucket"
  count  = var.enable_flink_operator ? 1 : 0

  bucket        = "${var.name}-flink-state-${local.account_id}-${local.region}"
  force_destroy = var.force_destroy

  tags = var.tags
}

data "aws_iam_policy_document" "flink_state" {
  count = var.enable_flink_operator ? 1 : 0

  statement {
    sid       = "StateBucketList"
    actions   = ["s3:ListBucket", "s3:GetBucketLocation"]
    resources = [module.flink_state[0].arn]
  }

  statement {
    sid       = "StateBucketObjects"
    actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"]
    resources = ["${module.flink_state[0].arn}/*"]
  }
}

resource "aws_iam_role" "flink" {
  count = var.enable_flink_operator ? 1 : 0

  name               = "${var.name}-flink"
  assume_role_policy = data.aws_iam_policy_document.irsa["flink"].json

  tags = var.tags
}

resource "aws_iam_role_policy" "flink_state" {
  count = var.enable_flink_operator ? 1 : 0

  name   = "flink-state"
  role   = aws_iam_role.flink[0].id
  policy = data.aws_iam_policy_document.flink_state[0].json
}

resource "aws_iam_role_policy_attachment" "flink" {
  for_each = var.enable_flink_operator ? var.flink_policy_arns : {}

  role       = aws_iam_role.flink[0].name
  policy_arn = each.value
}

resource "helm_release" "flink_operator" {
  count = var.enable_flink_operator ? 1 : 0

  name             = "flink-kubernetes-operator"
  namespace        = "flink-operator"
  create_namespace = true
  # archive.apache.org keeps every release; downloads.apache.org drops a version once it is superseded.
  repository = "https://archive.apache.org/dist/flink/flink-kubernetes-operator-${var.flink_operator_version}/"
  chart      = "flink-kubernetes-operator"
  version    = var.flink_operator_version

  values = [yamlencode({
    watchNamespaces = [var.flink_namespace]
    webhook         = { create = var.enable_flink_operator_webhook }
    # The operator creates the jobs' service account (and its RBAC for Kubernetes HA) in the watched namespace.
    jobServiceAccount = {
      create = true
      name   = "flink"
      annotations = {
        "helm.sh/resource-policy"    = "keep"
        "eks.amazonaws.com/role-arn" = aws_iam_role.flink[0].arn
      }
    }
  })]

  depends_on = [
    kubernetes_namespace_v1.flink,
    aws_eks_addon.this,
  ]
}

# Custom resources go through a tiny local chart rather than kubernetes_manifest: kubernetes_manifest needs
# the CRD (and so the cluster) to exist at plan time, which would make the first apply a two-step affair.
resource "helm_release" "flink_secrets" {
  count = var.enable_flink_operator && local.flink_uses_database ? 1 : 0

  name      = "flink-secrets"
  namespace = var.flink_namespace
  chart     = "${path.module}/charts/manifests"

  values = [yamlencode({ manifests = local.flink_secret_manifests })]

  lifecycle {
    precondition {
      condition     = var.jdbc_url != null && var.database_secret_arn != null
      error_message = "Jobs with database_access need jdbc_url and database_secret_arn."
    }
  }

  depends_on = [
    helm_release.external_secrets,
    helm_release.flink_operator,
  ]
}

resource "helm_release" "flink_job" {
  for_each = { for name, deployment in local.flink_deployments : name => deployment if var.enable_flink_operator }

  name      = "flink-job-${each.key}"
  namespace = var.flink_namespace
  chart     = "${path.module}/charts/manifests"
  # The operator, not Helm, decides when the job is ready (it may first take a savepoint of the old one).
  wait = false

  values = [yamlencode({ manifests = [each.value] })]

  # Deleting the operator first would strand the FlinkDeployments on their finalizers.
  depends_on = [
    helm_release.flink_operator,
    helm_release.flink_secrets,
  ]
}
