################################################################################
# Network
################################################################################

resource "aws_db_subnet_group" "this" {
  name       = var.name
  subnet_ids = var.subnet_ids

  tags = var.tags
}

resource "aws_security_group" "this" {
  name        = "${var.name}-aurora"
  description = "Aurora PostgreSQL: clients from the allowed security groups only"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = "${var.name}-aurora" })
}

resource "aws_vpc_security_group_ingress_rule" "clients" {
  for_each = var.allowed_security_group_ids

  security_group_id            = aws_security_group.this.id
  description                  = "PostgreSQL from ${each.key}"
  referenced_security_group_id = each.value
  ip_protocol                  = "tcp"
  from_port                    = aws_rds_cluster.this.port
  to_port                      = aws_rds_cluster.this.port
}

################################################################################
# Cluster
################################################################################

resource "aws_rds_cluster_parameter_group" "this" {
  name        = var.name
  family      = var.parameter_group_family
  description = "${var.name}: TLS only, slow query logging"

  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }

  parameter {
    name  = "log_min_duration_statement"
    value = "500"
  }

  tags = var.tags
}

resource "aws_rds_cluster" "this" {
  cluster_identifier = var.name
  engine             = "aurora-postgresql"
  engine_version     = var.engine_version
  storage_type       = var.storage_type
  database_name      = var.database_name

  master_username             = var.master_username
  manage_master_user_password = true

  db_subnet_group_name            = aws_db_subnet_group.this.name
  vpc_security_group_ids          = [aws_security_group.this.id]
  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.this.name
  storage_encrypted               = true

  backup_retention_period         = var.backup_retention_days
  preferred_backup_window         = "02:00-03:00"
  preferred_maintenance_window    = "sun:03:30-sun:04:30"
  copy_tags_to_snapshot           = true
  deletion_protection             = var.deletion_protection
  skip_final_snapshot             = var.skip_final_snapshot
  final_snapshot_identifier       = var.skip_final_snapshot ? null : "${var.name}-final"
  enabled_cloudwatch_logs_exports = ["postgresql"]

  tags = var.tags
}

resource "aws_rds_cluster_instance" "this" {
  count = var.instance_count

  identifier           = "${var.name}-${count.index + 1}"
  cluster_identifier   = aws_rds_cluster.this.id
  engine               = aws_rds_cluster.this.engine
  engine_version       = aws_rds_cluster.this.engine_version
  instance_class       = var.instance_class
  db_subnet_group_name = aws_db_subnet_group.this.name
  availability_zone    = var.availability_zones[count.index % length(var.availability_zones)]
  promotion_tier       = count.index

  performance_insights_enabled = true
  auto_minor_version_upgrade   = true

  tags = var.tags
}

# RDS keeps the master password in Secrets Manager and rotates it; only the cadence is set here.
resource "aws_secretsmanager_secret_rotation" "master" {
  count = var.master_password_rotation_days != null ? 1 : 0

  secret_id = aws_rds_cluster.this.master_user_secret[0].secret_arn

  rotation_rules {
    automatically_after_days = var.master_password_rotation_days
  }
}

################################################################################
# Access to the credentials
################################################################################

data "aws_iam_policy_document" "secret_read" {
  statement {
    sid       = "ReadDatabaseCredentials"
    actions   = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]
    resources = [aws_rds_cluster.this.master_user_secret[0].secret_arn]
  }
}

resource "aws_iam_policy" "secret_read" {
  name        = "${var.name}-db-secret-read"
  description = "Read the ${var.name} database credentials from Secrets Manager"
  policy      = data.aws_iam_policy_document.secret_read.json

  tags = var.tags
}

################################################################################
# One role per process (sql/roles.sql): a secret each, with a generated password
################################################################################

data "aws_secretsmanager_random_password" "role" {
  for_each = toset(var.database_roles)

  password_length     = 40
  exclude_punctuation = true
}

resource "aws_secretsmanager_secret" "role" {
  for_each = toset(var.database_roles)

  name        = "${var.name}/database/${each.value}"
  description = "Credentials of the ${each.value} database role (created by sql/roles.sql)"

  tags = var.tags
}

# The generated password is written once; sql/roles.sql sets the role's password from this secret, and a
# rotation is a new secret value followed by a run of roles.sql (docs/deploy.md, "Rotate secrets").
resource "aws_secretsmanager_secret_version" "role" {
  for_each = toset(var.database_roles)

  secret_id = aws_secretsmanager_secret.role[each.value].id
  secret_string = jsonencode({
    username = each.value
    password = data.aws_secretsmanager_random_password.role[each.value].random_password
  })

  lifecycle {
    ignore_changes = [secret_string]
  }
}

data "aws_iam_policy_document" "role_secret_read" {
  for_each = toset(var.database_roles)

  statement {
    sid       = "ReadRoleCredentials"
    actions   = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]
    resources = [aws_secretsmanager_secret.role[each.value].arn]
  }
}

resource "aws_iam_policy" "role_secret_read" {
  for_each = toset(var.database_roles)

  name        = "${var.name}-db-${replace(each.value, "_", "-")}-secret-read"
  description = "Read the credentials of the ${each.value} database role"
  policy      = data.aws_iam_policy_document.role_secret_read[each.value].json

  tags = var.tags
}
