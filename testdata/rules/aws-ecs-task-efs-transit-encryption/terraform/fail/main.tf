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

resource "aws_ecs_task_definition" "files" {
  family                   = "files"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "256"
  memory                   = "512"
  container_definitions = jsonencode([
    { name = "web", image = "nginx@sha256:4c5f9a1b2e3d6c7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7", essential = true }
  ])

  volume {
    name = "shared"

    efs_volume_configuration { # expect: aws-ecs-task-efs-transit-encryption
      file_system_id = "fs-0a1b2c3d4e5f67890"
    }
  }
}
