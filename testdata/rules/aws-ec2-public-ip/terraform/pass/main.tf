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

data "aws_ssm_parameter" "al2023" {
  name = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"
}

resource "aws_instance" "app" {
  ami                         = data.aws_ssm_parameter.al2023.value
  instance_type               = "t3.micro"
  associate_public_ip_address = false

  root_block_device {
    encrypted = true
  }
}

resource "aws_launch_template" "worker" {
  image_id      = data.aws_ssm_parameter.al2023.value
  instance_type = "m7g.large"

  network_interfaces {
    associate_public_ip_address = "false"
  }
}
