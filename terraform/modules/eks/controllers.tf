################################################################################
# AWS Load Balancer Controller
#
# Only its TargetGroupBinding feature is used: the ALB, listener and target groups are owned by the `edge`
# module, and the controller keeps each target group's pod IPs current. The IAM policy is scoped to that
# (describe, register and deregister targets); it cannot create load balancers. Use the upstream policy
# instead if Ingress or Service-type load balancers are ever wanted.
################################################################################

data "aws_iam_policy_document" "load_balancer_controller" {
  # Read-only discovery of the VPC, the pods' network interfaces and the target groups.
  statement {
    sid       = "Describe"
    actions   = ["ec2:Describe*", "ec2:GetSecurityGroupsForVpc", "elasticloadbalancing:Describe*"]
    resources = ["*"]
  }

  statement {
    sid       = "RegisterPods"
    actions   = ["elasticloadbalancing:RegisterTargets", "elasticloadbalancing:DeregisterTargets"]
    resources = ["arn:${local.partition}:elasticloadbalancing:${local.region}:${local.account_id}:targetgroup/${var.load_balancer_target_group_prefix}*/*"]
  }
}

resource "aws_iam_role" "load_balancer_controller" {
  count = var.enable_load_balancer_controller ? 1 : 0

  name               = "${var.name}-aws-load-balancer-controller"
  assume_role_policy = data.aws_iam_policy_document.irsa["load_balancer_controller"].json

  tags = var.tags
}

resource "aws_iam_role_policy" "load_balancer_controller" {
  count = var.enable_load_balancer_controller ? 1 : 0

  name   = "target-group-binding"
  role   = aws_iam_role.load_balancer_controller[0].id
  policy = data.aws_iam_policy_document.load_balancer_controller.json
}

resource "helm_release" "aws_load_balancer_controller" {
  count = var.enable_load_balancer_controller ? 1 : 0

  name       = "aws-load-balancer-controller"
  namespace  = "kube-system"
  repository = "https://aws.github.io/eks-charts"
  chart      = "aws-load-balancer-controller"
  version    = var.load_balancer_controller_chart_version

  values = [yamlencode({
    clusterName  = aws_eks_cluster.this.name
    region       = local.region
    vpcId        = var.vpc_id
    replicaCount = 2
    # Leave Services of type LoadBalancer alone; nothing here should create load balancers.
    enableServiceMutatorWebhook = false
    serviceAccount = {
      name        = "aws-load-balancer-controller"
      annotations = { "eks.amazonaws.com/role-arn" = aws_iam_role.load_balancer_controller[0].arn }
    }
  })]

  depends_on = [aws_eks_addon.this]
}

################################################################################
# External Secrets Operator
#
# Needs no AWS permissions itself: each namespace's SecretStore names a service account, and the operator
# reads the secret with that account's IRSA role, so access stays per workload.
################################################################################

resource "helm_release" "external_secrets" {
  count = var.enable_external_secrets ? 1 : 0

  name             = "external-secrets"
  namespace        = "external-secrets"
  create_namespace = true
  repository       = "https://charts.external-secrets.io"
  chart            = "external-secrets"
  version          = var.external_secrets_chart_version

  values = [yamlencode({
    installCRDs = true
  })]

  depends_on = [aws_eks_addon.this]
}

################################################################################
# Cluster Autoscaler
################################################################################

data "aws_iam_policy_document" "cluster_autoscaler" {
  statement {
    sid = "Describe"
    actions = [
      "autoscaling:DescribeAutoScalingGroups",
      "autoscaling:DescribeAutoScalingInstances",
      "autoscaling:DescribeLaunchConfigurations",
      "autoscaling:DescribeScalingActivities",
      "autoscaling:DescribeTags",
      "ec2:DescribeImages",
      "ec2:DescribeInstanceTypes",
      "ec2:DescribeLaunchTemplateVersions",
      "ec2:GetInstanceTypesFromInstanceRequirements",
      "eks:DescribeNodegroup",
    ]
    resources = ["*"]
  }

  # Managed node groups tag their auto scaling groups with the cluster name; only those can be resized.
  statement {
    sid       = "ResizeOwnNodeGroups"
    actions   = ["autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"]
    resources = ["*"]

    condition {
      test     = "StringEquals"
      variable = "aws:ResourceTag/k8s.io/cluster-autoscaler/${var.name}"
      values   = ["owned"]
    }
  }
}

resource "aws_iam_role" "cluster_autoscaler" {
  count = var.enable_cluster_autoscaler ? 1 : 0

  name               = "${var.name}-cluster-autoscaler"
  assume_role_policy = data.aws_iam_policy_document.irsa["cluster_autoscaler"].json

  tags = var.tags
}

resource "aws_iam_role_policy" "cluster_autoscaler" {
  count = var.enable_cluster_autoscaler ? 1 : 0

  name   = "cluster-autoscaler"
  role   = aws_iam_role.cluster_autoscaler[0].id
  policy = data.aws_iam_policy_document.cluster_autoscaler.json
}

resource "helm_release" "cluster_autoscaler" {
  count = var.enable_cluster_autoscaler ? 1 : 0

  name       = "cluster-autoscaler"
  namespace  = "kube-system"
  repository = "https://kubernetes.github.io/autoscaler"
  chart      = "cluster-autoscaler"
  version    = var.cluster_autoscaler_chart_version

  values = [yamlencode({
    cloudProvider = "aws"
    awsRegion     = local.region
    autoDiscovery = { clusterName = aws_eks_cluster.this.name }
    extraArgs = {
      "balance-similar-node-groups" = true
      "expander"                    = "least-waste"
      # Flink TaskManagers keep RocksDB on local disk; do not evict them just to pack nodes tighter.
      "skip-nodes-with-local-storage" = true
    }
    rbac = {
      serviceAccount = {
        name        = "cluster-autoscaler"
        annotations = { "eks.amazonaws.com/role-arn" = aws_iam_role.cluster_autoscaler[0].arn }
      }
    }
  })]

  depends_on = [aws_eks_addon.this]
}
