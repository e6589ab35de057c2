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

resource "aws_glue_security_configuration" "etl" {
  name = "etl"

  encryption_configuration {
    cloudwatch_encryption {
      cloudwatch_encryption_mode = "DISABLED" # expect: aws-glue-security-configuration-encryption
    }

    job_bookmarks_encryption {
      job_bookmarks_encryption_mode = "DISABLED" # expect: aws-glue-security-configuration-encryption
    }

    s3_encryption {
      s3_encryption_mode = "DISABLED" # expect: aws-glue-security-configuration-encryption
    }
  }
}
