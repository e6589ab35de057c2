variable "api_key" { # expect: aws-secrets-parameter-noecho
  type = string
}

resource "aws_ssm_parameter" "api_key" {
  name  = "/forwarder/datadog/api-key"
  type  = "SecureString"
  value = var.api_key
}
