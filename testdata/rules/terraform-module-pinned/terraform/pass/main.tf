terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.40"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.8.1"

  name            = "main"
  cidr            = "10.20.0.0/16"
  azs             = ["eu-west-1a", "eu-west-1b"]
  private_subnets = ["10.20.1.0/24", "10.20.2.0/24"]
}

module "alarms" {
  for_each = toset(["api", "worker"])
  source   = "git::https://github.com/acme/terraform-modules.git//alarms?ref=3f2b9c1d4e5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c"
  service  = each.key
}

module "tags" {
  source      = "./modules/tags"
  environment = "prod"
}
