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

resource "aws_subnet" "public" {
  vpc_id                  = "vpc-0a1b2c3d4e5f60718"
  cidr_block              = "10.20.0.0/24"
  map_public_ip_on_launch = false
}

resource "aws_subnet" "private" {
  vpc_id     = "vpc-0a1b2c3d4e5f60718"
  cidr_block = "10.20.10.0/24"
}
