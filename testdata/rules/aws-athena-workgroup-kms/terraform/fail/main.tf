terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

resource "aws_kms_key" "main" {
  description         = "Application data"
  enable_key_rotation = true
}

resource "aws_athena_workgroup" "analysts" { # expect: aws-athena-workgroup-kms
  name = "analysts"
}

resource "aws_athena_workgroup" "reporting" {
  name = "reporting"

  configuration {
    enforce_workgroup_configuration = true

    result_configuration {
      output_location = "s3://example-athena-results/reporting/"

      encryption_configuration { # expect: aws-athena-workgroup-kms
        encryption_option = "SSE_S3"
      }
    }
  }
}
