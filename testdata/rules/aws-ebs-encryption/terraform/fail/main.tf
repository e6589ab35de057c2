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

variable "ami_id" {
  type    = string
  default = "ami-0c1c30571d2dae5c9"
}

resource "aws_ebs_volume" "data" { # expect: aws-ebs-encryption
  availability_zone = "eu-west-1a"
  size              = 200
  type              = "gp3"
}

resource "aws_instance" "worker" {
  ami           = var.ami_id
  instance_type = "m7g.large"

  root_block_device {
    volume_size = 40
    encrypted   = false # expect: aws-ebs-encryption
  }

  ebs_block_device { # expect: aws-ebs-encryption
    device_name = "/dev/sdf"
    volume_size = 100
  }
}

resource "aws_launch_template" "web" {
  name_prefix   = "web-"
  image_id      = var.ami_id
  instance_type = "t4g.small"

  block_device_mappings {
    device_name = "/dev/xvda"

    ebs { # expect: aws-ebs-encryption
      volume_size = 20
      volume_type = "gp3"
    }
  }
}
