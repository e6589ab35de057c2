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

resource "aws_codebuild_project" "main" { # expect: aws-codebuild-project-kms
  name         = "build"
  service_role = "arn:aws:iam::111122223333:role/codebuild"
  
  artifacts {
    type = "NO_ARTIFACTS"
  }
  
  environment {
    type         = "LINUX_CONTAINER"
    compute_type = "BUILD_GENERAL1_SMALL"
    image        = "aws/codebuild/standard:7.0"
  }
  
  source {
    type      = "NO_SOURCE"
    buildspec = "version: 0.2"
  }
  
}

resource "aws_codebuild_project" "managed" {
  name         = "build"
  service_role = "arn:aws:iam::111122223333:role/codebuild"
  
  artifacts {
    type = "NO_ARTIFACTS"
  }
  
  environment {
    type         = "LINUX_CONTAINER"
    compute_type = "BUILD_GENERAL1_SMALL"
    image        = "aws/codebuild/standard:7.0"
  }
  
  source {
    type      = "NO_SOURCE"
    buildspec = "version: 0.2"
  }
  
  encryption_key = "alias/aws/s3" # expect: aws-codebuild-project-kms
}
