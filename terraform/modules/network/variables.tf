variable "name" {
  description = "Name prefix for every resource, e.g. `exchange-prod`."
  type        = string
}

variable "cidr" {
  description = "IPv4 CIDR block of the VPC."
  type        = string
}

variable "azs" {
  description = "Availability zones to spread the subnets across; every subnet list below has one entry per zone, in this order."
  type        = list(string)

  validation {
    condition     = length(var.azs) >= 2
    error_message = "Use at least two availability zones: MSK, Aurora and EKS all require it."
  }
}

variable "public_subnets" {
  description = "CIDRs of the public subnets (NAT gateways only; nothing else is internet-facing)."
  type        = list(string)

  validation {
    condition     = length(var.public_subnets) == length(var.azs)
    error_message = "Give one public subnet per availability zone."
  }
}

variable "private_subnets" {
  description = "CIDRs of the private subnets for EKS nodes and pods (the VPC CNI gives every pod a VPC address, so size these generously, e.g. /19) and the internal ALB."
  type        = list(string)

  validation {
    condition     = length(var.private_subnets) == length(var.azs)
    error_message = "Give one private subnet per availability zone."
  }
}

variable "database_subnets" {
  description = "CIDRs of the isolated subnets for the Kafka brokers and the database; they have no route to the internet."
  type        = list(string)

  validation {
    condition     = length(var.database_subnets) == length(var.azs)
    error_message = "Give one database subnet per availability zone."
  }
}

variable "enable_nat_gateway" {
  description = "Create NAT gateways so private subnets can reach the internet (image pulls, AWS APIs without endpoints)."
  type        = bool
  default     = true
}

variable "single_nat_gateway" {
  description = "Share one NAT gateway across all zones (cheaper, but a zone outage cuts egress for the others). Use false in production."
  type        = bool
  default     = false
}

variable "enable_s3_endpoint" {
  description = "Create an S3 gateway endpoint so checkpoint, Iceberg and image-layer traffic bypasses the NAT gateways (free, and NAT data processing is not)."
  type        = bool
  default     = true
}

variable "tags" {
  description = "Tags applied to every resource."
  type        = map(string)
  default     = {}
}
