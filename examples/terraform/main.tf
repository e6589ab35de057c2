terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = var.region
}

variable "region" {
  type    = string
  default = "ap-southeast-2"
}

variable "queues" {
  type    = set(string)
  default = ["orders", "invoices"]
}

resource "aws_kms_key" "queues" {
  description         = "Queue encryption"
  enable_key_rotation = true
}

# Each queue is encrypted with the customer-managed key above.
resource "aws_sqs_queue" "work" {
  for_each          = var.queues
  name              = "${each.key}-work"
  kms_master_key_id = aws_kms_key.queues.arn
}

resource "aws_db_instance" "reports" {
  identifier          = "reports"
  engine              = "postgres"
  instance_class      = "db.t4g.micro"
  allocated_storage   = 20
  username            = "reports"
  password            = "Sup3rS3cretPassw0rd"
  skip_final_snapshot = true
}
