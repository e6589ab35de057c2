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
  region = "eu-west-1"
}

variable "golden_ami_parameter" {
  description = "SSM parameter the image pipeline writes each new golden AMI id to."
  type        = string
  default     = "/golden-ami/web/latest"
}

# Published by the image pipeline after every build.
data "aws_ssm_parameter" "web_ami" {
  name = var.golden_ami_parameter
}

# AWS's public parameter for the latest Amazon Linux 2023 AMI.
data "aws_ssm_parameter" "al2023" {
  name = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64"
}

data "aws_ami" "batch" {
  most_recent = true
  owners      = ["self"]

  filter {
    name   = "name"
    values = ["batch-golden-*"]
  }

  filter {
    name   = "tag:pipeline-status"
    values = ["approved"]
  }
}

resource "aws_instance" "bastion" {
  ami           = data.aws_ssm_parameter.al2023.value
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
  image_id      = data.aws_ssm_parameter.web_ami.value
  instance_type = "t4g.small"

  block_device_mappings {
    device_name = "/dev/xvda"

    ebs {
      volume_size = 20
      encrypted   = true
    }
  }
}

# EC2 reads the parameter at every launch, so new instances of the group
# pick up the latest golden AMI without a Terraform run.
resource "aws_launch_template" "api" {
  name_prefix   = "api-"
  image_id      = "resolve:ssm:/golden-ami/api/latest"
  instance_type = "t4g.medium"

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
  image_id      = data.aws_ami.batch.id
  instance_type = "c7g.large"

  root_block_device {
    volume_size = 30
    encrypted   = true
  }

  lifecycle {
    create_before_destroy = true
  }
}
