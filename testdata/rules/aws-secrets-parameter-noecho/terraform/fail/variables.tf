variable "environment" {
  type    = string
  default = "prod"
}

variable "db_password" { # expect: aws-secrets-parameter-noecho
  description = "Master password of the orders database"
  type        = string
}

variable "datadog_api_key" {
  description = "Datadog API key for the log forwarder"
  type        = string
  sensitive   = false # expect: aws-secrets-parameter-noecho
}

variable "password_length" {
  type    = number
  default = 32
}
