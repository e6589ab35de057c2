variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "name" {
  type    = string
  default = "shop"
}

variable "domain" {
  type    = string
  default = "shop.example.com"
}

variable "vpc_id" {
  type = string
}

variable "public_subnet_ids" {
  type = list(string)
}

variable "security_group_id" {
  type = string
}

variable "certificate_arn" {
  type = string
}

variable "broker_zones" {
  type    = list(string)
  default = ["a", "b"]
}
