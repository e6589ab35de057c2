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

variable "internal_access_logs" {
  type        = bool
  description = "Whether the internal load balancer writes access logs"
}

resource "aws_lb" "web" {
  name               = "web"
  load_balancer_type = "application"
  subnets            = var.public_subnet_ids

  access_logs {
    bucket  = "acme-lb-logs"
    prefix  = "web"
    enabled = true
  }
}

# Decided at apply time: an unknown is not reported.
resource "aws_lb" "internal" {
  name     = "internal"
  internal = true
  subnets  = var.public_subnet_ids

  access_logs {
    bucket  = "acme-lb-logs"
    enabled = var.internal_access_logs
  }
}

# A Classic Load Balancer's access_logs block is enabled by default.
resource "aws_elb" "legacy" {
  name    = "legacy"
  subnets = var.public_subnet_ids

  access_logs {
    bucket = "acme-lb-logs"
  }

  listener {
    instance_port      = 8080
    instance_protocol  = "http"
    lb_port            = 443
    lb_protocol        = "https"
    ssl_certificate_id = "arn:aws:acm:eu-west-1:111122223333:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789"
  }
}

# A network load balancer with only TCP listeners has nothing to log: AWS
# writes access logs for TLS connections only.
resource "aws_lb" "syslog" {
  name               = "syslog"
  load_balancer_type = "network"
  subnets            = var.public_subnet_ids
}

resource "aws_lb_listener" "syslog" {
  load_balancer_arn = aws_lb.syslog.arn
  port              = 514
  protocol          = "TCP"

  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/syslog/0123456789abcdef"
  }
}
