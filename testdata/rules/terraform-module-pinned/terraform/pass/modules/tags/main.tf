variable "environment" {
  type = string
}

output "tags" {
  value = {
    Environment = var.environment
    ManagedBy   = "terraform"
  }
}
