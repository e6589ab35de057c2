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

data "aws_ssm_parameter" "ami" {
  name = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64"
}

variable "data_volumes" {
  type = map(number)
  default = {
    "/dev/sdf" = 100
    "/dev/sdg" = 250
  }
}

resource "aws_kms_key" "ebs" {
  description         = "EBS volumes"
  enable_key_rotation = true
}

resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 200
  encrypted         = true
  kms_key_id        = aws_kms_key.ebs.arn
}

resource "aws_instance" "worker" {
  ami           = data.aws_ssm_parameter.ami.value
  instance_type = "m7g.large"

  root_block_device {
    volume_size = 40
    encrypted   = true
  }

  dynamic "ebs_block_device" {
    for_each = var.data_volumes
    content {
      device_name = ebs_block_device.key
      volume_size = ebs_block_device.value
      encrypted   = true
      kms_key_id  = aws_kms_key.ebs.arn
    }
  }
}

resource "aws_launch_template" "web" {
  name_prefix   = "web-"
  image_id      = data.aws_ssm_parameter.ami.value
  instance_type = "t4g.small"

  block_device_mappings {
    device_name = "/dev/xvda"

    ebs {
      volume_size = 20
      encrypted   = "true"
    }
  }

  block_device_mappings {
    device_name  = "/dev/xvdb"
    virtual_name = "ephemeral0"
  }
}
