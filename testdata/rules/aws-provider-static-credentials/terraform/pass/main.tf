terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.40"
    }
  }
}

provider "aws" {
  region  = "eu-west-1"
  profile = "acme-prod"
}

provider "aws" {
  alias  = "replica"
  region = "eu-central-1"

  assume_role {
    role_arn     = "arn:aws:iam::123456789012:role/replication-deployer"
    session_name = "terraform"
  }
}

resource "aws_s3_bucket" "replica" {
  provider = aws.replica
  bucket   = "acme-replica-logs"
}
