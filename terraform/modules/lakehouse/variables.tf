variable "name" {
  description = "Name prefix for every resource, e.g. `exchange-prod`."
  type        = string
}

variable "database_name" {
  description = "Glue database holding the Iceberg tables: the namespace the code creates and reads them in (LakehouseTables.NAMESPACE), so the only value that works is `exchange`."
  type        = string
  default     = "exchange"

  validation {
    condition     = var.database_name == "exchange"
    error_message = "The lakehouse job and history-service use the Iceberg namespace `exchange` (LakehouseTables.NAMESPACE); the Glue database must have that name."
  }
}

variable "force_destroy" {
  description = "Allow destroying the buckets and the Athena workgroup while they still hold data and saved queries (dev only)."
  type        = bool
  default     = false
}

variable "athena_results_retention_days" {
  description = "Days to keep Athena query results."
  type        = number
  default     = 30
}

variable "athena_bytes_scanned_cutoff" {
  description = "Per-query scan limit in bytes for the analysts' workgroup, a guard against runaway full scans; null for no limit."
  type        = number
  default     = 1099511627776 # 1 TiB
}

variable "enable_table_optimizers" {
  description = "Let the Glue Data Catalog compact the Iceberg tables and expire their snapshots. The tables are created by the history job, so enable this after its first successful run."
  type        = bool
  default     = false
}

variable "optimized_tables" {
  description = "Iceberg tables the Glue optimizers maintain when enabled."
  type        = list(string)
  default     = ["trades", "candles_1m", "candles_1h", "order_events"]
}

variable "snapshot_retention_days" {
  description = "Days of Iceberg snapshots kept for time travel before the retention optimizer expires them."
  type        = number
  default     = 7
}

variable "tags" {
  description = "Tags applied to every resource."
  type        = map(string)
  default     = {}
}
