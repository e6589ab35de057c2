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

resource "aws_transfer_server" "exchange" {
  endpoint_type          = "VPC"
  identity_provider_type = "API_GATEWAY"
  protocols              = ["FTP"] # expect: aws-transfer-server-no-ftp
}
