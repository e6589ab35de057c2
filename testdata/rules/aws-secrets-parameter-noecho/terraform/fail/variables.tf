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

# A certificate's private key is a secret even though the name is about a
# certificate.
variable "ca_private_key_pem" { # expect: aws-secrets-parameter-noecho
  description = "Private key of the internal CA that signs service certificates"
  type        = string
}

variable "redis_auth_token" { # expect: aws-secrets-parameter-noecho
  description = "AUTH token of the Redis replication group"
  type        = string
  default     = ""
}
