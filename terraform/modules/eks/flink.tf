################################################################################
# Flink: operator, job image, state bucket, and one FlinkDeployment per job
################################################################################

locals {
  flink_image_repository = var.create_flink_ecr_repository ? try(aws_ecr_repository.flink_jobs[0].repository_url, null) : var.flink_image_repository
  flink_image            = "${local.flink_image_repository}:${var.flink_image_tag}"

  # Checkpoints, savepoints and HA metadata go through the Presto S3 plugin baked into the image.
  flink_state_uri = "s3p://${try(module.flink_state[0].id, "")}"

  flink_uses_database = anytrue([for job in values(var.flink_jobs) : job.database_access])
  flink_database_jobs = [for name, job in var.flink_jobs : name if job.database_access]

  flink_metrics_port = 9249

  # Each job runs as its own service account with its own IRSA role (flink_job_policy_arns).
  flink_service_accounts = { for name in keys(var.flink_jobs) : name => "flink-${name}" }

  # Where a job keeps its state in the state bucket; its role may touch nothing else there.
  flink_state_prefixes = ["checkpoints", "savepoints", "ha", "changelog"]

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
    "execution.state-recovery.claim-mode"                       = "CLAIM"
    "pipeline.max-parallelism"                                  = tostring(var.max_parallelism)
    "high-availability.type"                                    = "kubernetes"
    "restart-strategy.type"                                     = "exponential-delay"
    # The exchange's reporter (flink-prometheus, in the image's plugins/): Flink's names and labels.
    "metrics.reporter.prom.factory.class"             = "dev.exchange.flinkmetrics.PrometheusReporterFactory"
    "metrics.reporter.prom.port"                      = tostring(local.flink_metrics_port)
    "kubernetes.operator.periodic.savepoint.interval" = var.periodic_savepoint_interval
    "kubernetes.operator.savepoint.history.max.age"   = "7 d"
    "kubernetes.operator.savepoint.history.max.count" = "20"
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
        serviceAccount  = local.flink_service_accounts[name]
        flinkConfiguration = merge(
          local.flink_configuration,
          {
            "taskmanager.numberOfTaskSlots"         = tostring(job.task_slots)
            "execution.checkpointing.dir"           = "${local.flink_state_uri}/checkpoints/${name}"
            "execution.checkpointing.savepoint-dir" = "${local.flink_state_uri}/savepoints/${name}"
            "high-availability.storageDir"          = "${local.flink_state_uri}/ha/${name}"
            "state.changelog.dstl.dfs.base-path"    = "${local.flink_state_uri}/changelog/${name}"
          },
          job.flink_configuration,
        )
        podTemplate = {
          metadata = {
            # The managed collector scrapes annotated pods and names their job after this label.
            labels = { "app.kubernetes.io/name" = name, "app.kubernetes.io/part-of" = "exchange" }
            annotations = {
              "prometheus.io/scrape" = "true"
              "prometheus.io/port"   = tostring(local.flink_metrics_port)
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
              ports = [{ name = "metrics", containerPort = local.flink_metrics_port }]
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

  # The database secret (one role's credentials, database_secret_arn) is read with the role of the one job
  # that uses it.
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
            auth    = { jwt = { serviceAccountRef = { name = "flink-${try(local.flink_database_jobs[0], "")}" } } }
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

# Each job's role may read and write its own prefixes of the state bucket only.
data "aws_iam_policy_document" "flink_state" {
  for_each = var.enable_flink_operator ? var.flink_jobs : {}

  statement {
    sid       = "StateBucketLocation"
    actions   = ["s3:GetBucketLocation"]
    resources = [module.flink_state[0].arn]
  }

  statement {
    sid       = "StateBucketListItsPrefixes"
    actions   = ["s3:ListBucket"]
    resources = [module.flink_state[0].arn]

    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = flatten([for prefix in local.flink_state_prefixes : ["${prefix}/${each.key}", "${prefix}/${each.key}/*"]])
    }
  }

  statement {
    sid       = "StateBucketItsObjects"
    actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"]
    resources = [for prefix in local.flink_state_prefixes : "${module.flink_state[0].arn}/${prefix}/${each.key}/*"]
  }
}

resource "aws_iam_role" "flink" {
  for_each = var.enable_flink_operator ? var.flink_jobs : {}

  name               = "${var.name}-flink-${each.key}"
  assume_role_policy = data.aws_iam_policy_document.irsa["flink-${each.key}"].json

  tags = var.tags
}

resource "aws_iam_role_policy" "flink_state" {
  for_each = var.enable_flink_operator ? var.flink_jobs : {}

  name   = "flink-state"
  role   = aws_iam_role.flink[each.key].id
  policy = data.aws_iam_policy_document.flink_state[each.key].json
}

locals {
  # Every (job, policy) pair: the policies of every job (flink_policy_arns) and the job's own.
  flink_role_policies = merge([
    for name in keys(var.flink_jobs) : {
      for key, arn in merge(var.flink_policy_arns, lookup(var.flink_job_policy_arns, name, {})) :
      "${name}/${key}" => { job = name, policy_arn = arn }
    }
  ]...)
}

resource "aws_iam_role_policy_attachment" "flink" {
  for_each = var.enable_flink_operator ? local.flink_role_policies : {}

  role       = aws_iam_role.flink[each.value.job].name
  policy_arn = each.value.policy_arn
}

# The job's service account, bound to the role the operator's chart creates for Flink's Kubernetes HA.
resource "kubernetes_service_account_v1" "flink" {
  for_each = var.enable_flink_operator ? var.flink_jobs : {}

  metadata {
    name      = local.flink_service_accounts[each.key]
    namespace = var.flink_namespace
    labels    = { "app.kubernetes.io/name" = each.key, "app.kubernetes.io/part-of" = "exchange" }
    annotations = {
      "eks.amazonaws.com/role-arn" = aws_iam_role.flink[each.key].arn
    }
  }

  depends_on = [kubernetes_namespace_v1.flink]
}

resource "kubernetes_role_binding_v1" "flink" {
  for_each = var.enable_flink_operator ? var.flink_jobs : {}

  metadata {
    name      = local.flink_service_accounts[each.key]
    namespace = var.flink_namespace
    labels    = { "app.kubernetes.io/part-of" = "exchange" }
  }

  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "Role"
    name      = "flink"
  }

  subject {
    kind      = "ServiceAccount"
    name      = kubernetes_service_account_v1.flink[each.key].metadata[0].name
    namespace = var.flink_namespace
  }

  depends_on = [helm_release.flink_operator]
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
    # The operator creates the Role for Flink's Kubernetes HA (named flink) in the watched namespace, and a
    # service account without AWS access; each job runs as its own (kubernetes_service_account_v1.flink).
    jobServiceAccount = {
      create      = true
      name        = "flink"
      annotations = { "helm.sh/resource-policy" = "keep" }
    }
    # The Role every job's service account is bound to (kubernetes_role_binding_v1.flink).
    rbac = { jobRole = { create = true, name = "flink" } }
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

    precondition {
      condition     = length(local.flink_database_jobs) == 1
      error_message = "database_secret_arn holds one database role's credentials: give database_access to one job only."
    }
  }

  depends_on = [
    helm_release.external_secrets,
    helm_release.flink_operator,
    kubernetes_service_account_v1.flink,
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
    kubernetes_role_binding_v1.flink,
    aws_iam_role_policy_attachment.flink,
  ]
}
