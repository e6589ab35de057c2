terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.40"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

resource "aws_ecr_registry_scanning_configuration" "this" {
  scan_type = "ENHANCED"

  rule {
    scan_frequency = "CONTINUOUS_SCAN"
    repository_filter {
      filter      = "orders-*"
      filter_type = "WILDCARD"
    }
  }
}

resource "aws_ecr_repository" "orders" {
  name                 = "orders-api"
  image_tag_mutability = "IMMUTABLE"
}

# Enhanced scanning ignores the repository setting: nothing scans this one.
resource "aws_ecr_repository" "billing" { # expect: aws-ecr-scan-on-push
  name                 = "billing-worker"
  image_tag_mutability = "IMMUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }
}
