terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.40"
    }
  }
}

provider "aws" {
  region     = "eu-west-1"
  access_key = "AKIA2E3ABCDEFGHJ2345"                     # expect: aws-provider-static-credentials
  secret_key = "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" # expect: aws-provider-static-credentials
}

provider "aws" {
  alias      = "replica"
  region     = "eu-central-1"
  access_key = var.replica_access_key
  secret_key = var.replica_secret_key # expect: aws-provider-static-credentials
}

variable "replica_access_key" {
  type      = string
  sensitive = true
}

variable "replica_secret_key" {
  type    = string
  default = "Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0FeDcBa9876"
}

resource "aws_s3_bucket" "replica" {
  provider = aws.replica
  bucket   = "acme-replica-logs"
}
