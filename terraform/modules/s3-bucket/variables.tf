variable "bucket" {
  description = "Name of the bucket. Bucket names are global: include the account ID and region."
  type        = string
}

variable "force_destroy" {
  description = "Allow `terraform destroy` to delete a bucket that still holds objects. Keep false outside throwaway environments."
  type        = bool
  default     = false
}

variable "enable_versioning" {
  description = "Keep prior versions of overwritten and deleted objects."
  type        = bool
  default     = false
}

variable "expiration_days" {
  description = "Delete objects this many days after creation; null keeps them until something else deletes them."
  type        = number
  default     = null
}

variable "noncurrent_version_expiration_days" {
  description = "Delete non-current object versions after this many days (only with versioning)."
  type        = number
  default     = 30
}

variable "kms_key_arn" {
  description = "KMS key for default encryption; null uses S3-managed keys (SSE-S3)."
  type        = string
  default     = null
}

variable "policy_documents" {
  description = "Extra IAM policy documents (JSON) merged into the bucket policy, e.g. a CloudFront origin access grant."
  type        = list(string)
  default     = []
}

variable "tags" {
  description = "Tags applied to the bucket."
  type        = map(string)
  default     = {}
}
