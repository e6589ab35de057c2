variable "environment" {
  type    = string
  default = "prod"
}

variable "db_password" {
  description = "Master password of the orders database"
  type        = string
  sensitive   = true
}

variable "db_password_secret_arn" {
  description = "Secrets Manager secret holding the password"
  type        = string
}

variable "password_length" {
  type    = number
  default = 32
}
