provider "aws" {
  region = "eu-central-1"
}

resource "aws_kms_key" "logs" {
  description         = "Log buckets"
  enable_key_rotation = true
}

module "access_logs" {
  source     = "./modules/bucket"
  name       = "acme-access-logs"
  kms_key_id = aws_kms_key.logs.arn
}

module "flow_logs" {
  source     = "./modules/bucket"
  name       = "acme-flow-logs"
  kms_key_id = aws_kms_key.logs.arn
}
