terraform {
  required_version = ">= 1.5"

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
  default = "eu-west-1"
}

variable "web_ami_id" {
  description = "AMI of the web tier, bumped by hand after each image build."
  type        = string
  default     = "ami-0a8e758f5e873d1c1"
}

variable "worker_ami_id" {
  description = "AMI of the queue workers (set per environment in terraform.tfvars)."
  type        = string
}

locals {
  # Copied from the image pipeline's output once, never updated since.
  batch_amis = {
    eu-west-1 = "ami-0c1c30571d2dae5c9"
    us-east-1 = "ami-0c101f26f147fa7fd"
  }
}

resource "aws_instance" "bastion" {
  ami           = "ami-0f9d9a251c1a44858" # expect: aws-ec2-ami-hardcoded
  instance_type = "t4g.nano"

  root_block_device {
    volume_size = 8
    encrypted   = true
  }

  tags = {
    Name = "bastion"
  }
}

resource "aws_launch_template" "web" {
  name_prefix   = "web-"
  image_id      = var.web_ami_id # expect: aws-ec2-ami-hardcoded
  instance_type = "t4g.small"

  block_device_mappings {
    device_name = "/dev/xvda"

    ebs {
      volume_size = 20
      encrypted   = true
    }
  }
}

resource "aws_launch_configuration" "batch" {
  name_prefix   = "batch-"
  image_id      = local.batch_amis[var.region] # expect: aws-ec2-ami-hardcoded
  instance_type = "c7g.large"

  root_block_device {
    volume_size = 30
    encrypted   = true
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_spot_instance_request" "worker" {
  for_each = toset(["a", "b"])

  ami                  = var.worker_ami_id # expect: aws-ec2-ami-hardcoded
  instance_type        = "m7g.large"
  spot_price           = "0.05"
  wait_for_fulfillment = true

  root_block_device {
    volume_size = 20
    encrypted   = true
  }

  tags = {
    Name = "worker-${each.key}"
  }
}

resource "aws_spot_fleet_request" "render" {
  iam_fleet_role  = "arn:aws:iam::123456789012:role/aws-ec2-spot-fleet-tagging-role"
  target_capacity = 4
  valid_until     = "2027-01-01T00:00:00Z"

  launch_specification {
    ami           = "ami-0a8e758f5e873d1c1" # expect: aws-ec2-ami-hardcoded
    instance_type = "c7g.xlarge"

    root_block_device {
      volume_size = 50
      encrypted   = true
    }
  }
}
