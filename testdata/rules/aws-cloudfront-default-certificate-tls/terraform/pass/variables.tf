variable "name" {
  type    = string
  default = "shop-web"
}

variable "preview_branches" {
  type    = list(string)
  default = ["main", "checkout-redesign"]
}

variable "docs_domain" {
  type    = string
  default = "docs.example.com"
}

variable "docs_origin" {
  type    = string
  default = "docs.origin.example.com"
}

variable "docs_certificate_arn" {
  type    = string
  default = null
}

variable "zone" {
  type    = string
  default = "example.com"
}

variable "preview_certificate_arn" {
  type        = string
  description = "ACM certificate for *.preview.<zone> in us-east-1"
}
