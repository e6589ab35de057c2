variable "name" {
  type    = string
  default = "docs"
}

variable "domain" {
  type    = string
  default = "docs.example.com"
}

variable "certificate_arn" {
  type        = string
  description = "ACM certificate in us-east-1 for var.domain"
}
