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

variable "public_subnet_ids" {
  type = list(string)
}

resource "aws_lb" "web" { # expect: aws-elb-access-logs
  name               = "web"
  load_balancer_type = "application"
  subnets            = var.public_subnet_ids
}

# A bucket without enabled = true does not turn logging on.
resource "aws_lb" "mqtt" {
  name               = "mqtt"
  load_balancer_type = "network"
  subnets            = var.public_subnet_ids

  access_logs { # expect: aws-elb-access-logs
    bucket = "acme-lb-logs"
  }
}

resource "aws_elb" "legacy" {
  name    = "legacy"
  subnets = var.public_subnet_ids

  access_logs {
    bucket  = "acme-lb-logs"
    enabled = false # expect: aws-elb-access-logs
  }

  listener {
    instance_port      = 8080
    instance_protocol  = "http"
    lb_port            = 443
    lb_protocol        = "https"
    ssl_certificate_id = "arn:aws:acm:eu-west-1:111122223333:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789"
  }
}

# Gateway load balancers have no access logs.
resource "aws_lb" "inspection" {
  name               = "inspection"
  load_balancer_type = "gateway"
  subnets            = var.public_subnet_ids
}
