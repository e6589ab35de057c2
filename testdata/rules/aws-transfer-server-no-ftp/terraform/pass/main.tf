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
  certificate            = "arn:aws:acm:eu-west-1:111122223333:certificate/1234abcd-12ab-34cd-56ef-1234567890ab"
  protocols              = ["SFTP", "FTPS"]
}
