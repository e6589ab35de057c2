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

resource "aws_ecr_repository" "orders" { # expect: aws-ecr-scan-on-push
  name                 = "orders-api"
  image_tag_mutability = "IMMUTABLE"
}

resource "aws_ecr_repository" "billing" {
  name                 = "billing-worker"
  image_tag_mutability = "IMMUTABLE"

  image_scanning_configuration {
    scan_on_push = false # expect: aws-ecr-scan-on-push
  }
}
