variable "environment" {
  type    = string
  default = "prod"
}

variable "db_password" { # expect: aws-secrets-parameter-noecho
  description = "Master password of the orders database"
  type        = string
}

variable "datadog_api_key" { # expect: aws-secrets-parameter-noecho
  description = "Datadog API key for the log forwarder"
  type        = string
  sensitive   = false
}

variable "password_length" {
  type    = number
  default = 32
}
