variable "region" {
  type    = string
  default = "eu-west-1"
}

# Not sensitive, so the default flows into the resource as a literal.
variable "redis_auth_token" {
  type      = string
  default   = "redis-auth-token-0123456789"
  sensitive = false
}
