provider "aws" {
  region = var.region

  default_tags {
    tags = {
      Project     = "exchange"
      Environment = "prod"
      ManagedBy   = "terraform"
    }
  }
}

# Both Kubernetes providers authenticate with a short-lived token from the AWS CLI, as the identity running
# Terraform (admin through the cluster creator's access entry or admin_role_arns). They stay in the root
# (modules inherit them) because they depend on the cluster the exchange module creates.
provider "kubernetes" {
  host                   = module.exchange.cluster_endpoint
  cluster_ca_certificate = base64decode(module.exchange.cluster_certificate_authority_data)

  exec {
    api_version = "client.authentication.k8s.io/v1beta1"
    command     = "aws"
    args        = ["eks", "get-token", "--cluster-name", module.exchange.cluster_name, "--region", var.region]
  }
}

provider "helm" {
  kubernetes = {
    host                   = module.exchange.cluster_endpoint
    cluster_ca_certificate = base64decode(module.exchange.cluster_certificate_authority_data)

    exec = {
      api_version = "client.authentication.k8s.io/v1beta1"
      command     = "aws"
      args        = ["eks", "get-token", "--cluster-name", module.exchange.cluster_name, "--region", var.region]
    }
  }
}
