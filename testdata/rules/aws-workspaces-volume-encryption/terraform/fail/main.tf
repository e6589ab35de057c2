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

resource "aws_workspaces_workspace" "analyst" { # expect: aws-workspaces-volume-encryption
  directory_id = "d-1234567890"
  bundle_id    = "wsb-bh8rsxt14"
  user_name    = "analyst"
}

resource "aws_workspaces_workspace" "contractor" {
  directory_id                   = "d-1234567890"
  bundle_id                      = "wsb-bh8rsxt14"
  user_name                      = "contractor"
  root_volume_encryption_enabled = false # expect: aws-workspaces-volume-encryption
  user_volume_encryption_enabled = true
  volume_encryption_key          = "alias/aws/workspaces"
}
