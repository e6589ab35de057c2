variable "zone" {
  type    = string
  default = "example.com"
}

variable "web_origin" {
  type    = string
  default = "web.origin.example.com"
}

variable "regional_sites" {
  type = map(object({
    domain                   = string
    origin                   = string
    certificate_arn          = string
    minimum_protocol_version = string
  }))
}
