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

variable "vpc_id" {
  type = string
}

variable "admin_ports" {
  type    = map(number)
  default = { ssh = 22, rdp = 3389 }
}

resource "aws_security_group" "web" {
  name   = "web"
  vpc_id = var.vpc_id

  ingress {
    description = "HTTPS"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  ingress {
    description      = "SSH for the on-call engineer"
    from_port        = 22
    to_port          = 22
    protocol         = "tcp"
    cidr_blocks      = ["0.0.0.0/0"] # expect: aws-security-group-open-ingress
    ipv6_cidr_blocks = ["::/0"]      # expect: aws-security-group-open-ingress
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "db" {
  name   = "reporting-db"
  vpc_id = var.vpc_id
}

resource "aws_security_group_rule" "db_anywhere" {
  type              = "ingress"
  security_group_id = aws_security_group.db.id
  from_port         = 3306
  to_port           = 3306
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"] # expect: aws-security-group-open-ingress
}

resource "aws_vpc_security_group_ingress_rule" "admin" {
  for_each = var.admin_ports

  security_group_id = aws_security_group.web.id
  ip_protocol       = "tcp"
  from_port         = each.value
  to_port           = each.value
  cidr_ipv4         = "0.0.0.0/0" # expect: aws-security-group-open-ingress
}

resource "aws_vpc_security_group_ingress_rule" "debug" {
  security_group_id = aws_security_group.web.id
  ip_protocol       = "-1"
  cidr_ipv6         = "::/0" # expect: aws-security-group-open-ingress
}
