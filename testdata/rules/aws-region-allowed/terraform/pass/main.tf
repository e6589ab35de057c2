terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "dr"
  region = "eu-central-1"
}

# Supplied by the pipeline; not known statically.
variable "ci_region" {
  type = string
}

provider "aws" {
  alias  = "ci"
  region = var.ci_region
}

resource "aws_s3_bucket" "backups" {
  provider = aws.dr
  bucket   = "acme-customer-backups-dr"
}

resource "aws_s3_bucket" "exports" {
  bucket = "acme-customer-exports"
  region = "eu-central-1"
}
