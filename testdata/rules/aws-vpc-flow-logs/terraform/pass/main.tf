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

variable "shared_vpc_id" {
  type        = string
  description = "The shared services VPC, created by the network account"
}

variable "environments" {
  type    = map(string)
  default = { staging = "10.10.0.0/16", prod = "10.20.0.0/16" }
}

resource "aws_vpc" "env" {
  for_each             = var.environments
  cidr_block           = each.value
  enable_dns_hostnames = true

  tags = {
    Name = each.key
  }
}

resource "aws_flow_log" "env" {
  for_each             = aws_vpc.env
  vpc_id               = each.value.id
  traffic_type         = "ALL"
  log_destination_type = "s3"
  log_destination      = var.flow_log_bucket_arn
}

resource "aws_flow_log" "shared" {
  vpc_id               = var.shared_vpc_id
  traffic_type         = "REJECT"
  log_destination_type = "s3"
  log_destination      = var.flow_log_bucket_arn
}

# The default VPC, once managed, logs its traffic like the others.
resource "aws_default_vpc" "default" {
  enable_dns_hostnames = true
}

resource "aws_flow_log" "default" {
  vpc_id               = aws_default_vpc.default.id
  traffic_type         = "ALL"
  log_destination_type = "s3"
  log_destination      = var.flow_log_bucket_arn
}
