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

variable "flow_log_bucket_arn" {
  type = string
}

variable "environments" {
  type    = map(string)
  default = { staging = "10.10.0.0/16", prod = "10.20.0.0/16" }
}

resource "aws_vpc" "env" { # expect: aws-vpc-flow-logs
  for_each             = var.environments
  cidr_block           = each.value
  enable_dns_hostnames = true

  tags = {
    Name = each.key
  }
}

resource "aws_subnet" "private" {
  for_each   = aws_vpc.env
  vpc_id     = each.value.id
  cidr_block = cidrsubnet(each.value.cidr_block, 8, 1)
}

# Subnet flow logs do not cover the rest of the VPC.
resource "aws_flow_log" "private" {
  for_each             = aws_subnet.private
  subnet_id            = each.value.id
  traffic_type         = "ALL"
  log_destination_type = "s3"
  log_destination      = var.flow_log_bucket_arn
}

resource "aws_vpc" "egress" {
  cidr_block = "10.40.0.0/16"
}

resource "aws_flow_log" "egress" {
  vpc_id               = aws_vpc.egress.id
  traffic_type         = "ALL"
  log_destination_type = "s3"
  log_destination      = var.flow_log_bucket_arn
}

# Taking the default VPC under management does not log its traffic; the
# egress VPC's flow log is not the default VPC's.
resource "aws_default_vpc" "default" { # expect: aws-vpc-flow-logs
  enable_dns_hostnames = true
}
