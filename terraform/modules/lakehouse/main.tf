data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  region     = data.aws_region.current.region
  partition  = data.aws_partition.current.partition

  warehouse_path = "s3://${module.warehouse.id}/warehouse"

  glue_catalog_arn  = "arn:${local.partition}:glue:${local.region}:${local.account_id}:catalog"
  glue_database_arn = "arn:${local.partition}:glue:${local.region}:${local.account_id}:database/${aws_glue_catalog_database.this.name}"
  glue_tables_arn   = "arn:${local.partition}:glue:${local.region}:${local.account_id}:table/${aws_glue_catalog_database.this.name}/*"
}

################################################################################
# Storage
################################################################################

module "warehouse" {
  source = "../s3-bucket"

  bucket        = "${var.name}-iceberg-${local.account_id}-${local.region}"
  force_destroy = var.force_destroy

  tags = var.tags
}

module "athena_results" {
  source = "../s3-bucket"

  bucket          = "${var.name}-athena-results-${local.account_id}-${local.region}"
  force_destroy   = true
  expiration_days = var.athena_results_retention_days

  tags = var.tags
}

################################################################################
# Catalog and query engine
################################################################################

resource "aws_glue_catalog_database" "this" {
  name         = var.database_name
  description  = "Iceberg tables of ${var.name}: trades, candles_1m, candles_1h and order_events, partitioned by day (month for candles_1h) and symbol"
  location_uri = "${local.warehouse_path}/${var.database_name}.db"

  tags = var.tags
}

resource "aws_athena_workgroup" "this" {
  name          = var.name
  description   = "Analysts' SQL over the ${var.name} Iceberg tables"
  force_destroy = var.force_destroy

  configuration {
    enforce_workgroup_configuration    = true
    publish_cloudwatch_metrics_enabled = true
    bytes_scanned_cutoff_per_query     = var.athena_bytes_scanned_cutoff

    engine_version {
      selected_engine_version = "Athena engine version 3"
    }

    result_configuration {
      output_location = "s3://${module.athena_results.id}/"

      encryption_configuration {
        encryption_option = "SSE_S3"
      }
    }
  }

  tags = var.tags
}

################################################################################
# Table maintenance (compaction, snapshot expiry)
################################################################################

data "aws_iam_policy_document" "optimizer_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["glue.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

resource "aws_iam_role" "optimizer" {
  count = var.enable_table_optimizers ? 1 : 0

  name               = "${var.name}-iceberg-optimizer"
  assume_role_policy = data.aws_iam_policy_document.optimizer_assume.json

  tags = var.tags
}

data "aws_iam_policy_document" "optimizer" {
  source_policy_documents = [data.aws_iam_policy_document.write.json]

  statement {
    sid       = "OptimizerLogs"
    actions   = ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:/aws-glue/iceberg-*"]
  }
}

resource "aws_iam_role_policy" "optimizer" {
  count = var.enable_table_optimizers ? 1 : 0

  name   = "iceberg-maintenance"
  role   = aws_iam_role.optimizer[0].id
  policy = data.aws_iam_policy_document.optimizer.json
}

resource "aws_glue_catalog_table_optimizer" "compaction" {
  for_each = var.enable_table_optimizers ? toset(var.optimized_tables) : toset([])

  catalog_id    = local.account_id
  database_name = aws_glue_catalog_database.this.name
  table_name    = each.value
  type          = "compaction"

  configuration {
    role_arn = aws_iam_role.optimizer[0].arn
    enabled  = true
  }
}

resource "aws_glue_catalog_table_optimizer" "retention" {
  for_each = var.enable_table_optimizers ? toset(var.optimized_tables) : toset([])

  catalog_id    = local.account_id
  database_name = aws_glue_catalog_database.this.name
  table_name    = each.value
  type          = "retention"

  configuration {
    role_arn = aws_iam_role.optimizer[0].arn
    enabled  = true

    retention_configuration {
      iceberg_configuration {
        snapshot_retention_period_in_days = var.snapshot_retention_days
        number_of_snapshots_to_retain     = 10
        clean_expired_files               = true
      }
    }
  }
}

################################################################################
# Access policies
################################################################################

data "aws_iam_policy_document" "read" {
  statement {
    sid = "GlueRead"
    actions = [
      "glue:GetDatabase",
      "glue:GetDatabases",
      "glue:GetTable",
      "glue:GetTables",
      "glue:GetPartitions",
    ]
    resources = [local.glue_catalog_arn, local.glue_database_arn, local.glue_tables_arn]
  }

  statement {
    sid       = "WarehouseList"
    actions   = ["s3:ListBucket", "s3:GetBucketLocation"]
    resources = [module.warehouse.arn]
  }

  statement {
    sid       = "WarehouseRead"
    actions   = ["s3:GetObject"]
    resources = ["${module.warehouse.arn}/*"]
  }
}

data "aws_iam_policy_document" "write" {
  source_policy_documents = [data.aws_iam_policy_document.read.json]

  statement {
    sid       = "GlueWrite"
    actions   = ["glue:CreateTable", "glue:UpdateTable", "glue:DeleteTable"]
    resources = [local.glue_catalog_arn, local.glue_database_arn, local.glue_tables_arn]
  }

  statement {
    sid       = "WarehouseWrite"
    actions   = ["s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"]
    resources = ["${module.warehouse.arn}/*"]
  }
}

data "aws_iam_policy_document" "analyst" {
  source_policy_documents = [data.aws_iam_policy_document.read.json]

  statement {
    sid = "AthenaQueries"
    actions = [
      "athena:GetWorkGroup",
      "athena:StartQueryExecution",
      "athena:StopQueryExecution",
      "athena:GetQueryExecution",
      "athena:GetQueryResults",
      "athena:GetQueryResultsStream",
      "athena:ListQueryExecutions",
      "athena:BatchGetQueryExecution",
    ]
    resources = [aws_athena_workgroup.this.arn]
  }

  statement {
    sid       = "AthenaCatalogs"
    actions   = ["athena:ListDataCatalogs", "athena:ListWorkGroups", "athena:GetDataCatalog"]
    resources = ["*"]
  }

  statement {
    sid       = "ResultsList"
    actions   = ["s3:ListBucket", "s3:GetBucketLocation"]
    resources = [module.athena_results.arn]
  }

  statement {
    sid       = "ResultsReadWrite"
    actions   = ["s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload"]
    resources = ["${module.athena_results.arn}/*"]
  }
}

resource "aws_iam_policy" "read" {
  name        = "${var.name}-lakehouse-read"
  description = "Read the ${var.name} Iceberg tables through the Glue catalog"
  policy      = data.aws_iam_policy_document.read.json

  tags = var.tags
}

resource "aws_iam_policy" "write" {
  name        = "${var.name}-lakehouse-write"
  description = "Create, commit to and read the ${var.name} Iceberg tables"
  policy      = data.aws_iam_policy_document.write.json

  tags = var.tags
}

resource "aws_iam_policy" "analyst" {
  name        = "${var.name}-lakehouse-analyst"
  description = "Query the ${var.name} Iceberg tables with Athena"
  policy      = data.aws_iam_policy_document.analyst.json

  tags = var.tags
}
