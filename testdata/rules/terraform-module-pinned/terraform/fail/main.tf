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
  version = "~> 5.8" # expect: terraform-module-pinned

  name            = "main"
  cidr            = "10.20.0.0/16"
  azs             = ["eu-west-1a", "eu-west-1b"]
  private_subnets = ["10.20.1.0/24", "10.20.2.0/24"]
}

module "s3_bucket" { # expect: terraform-module-pinned
  source = "terraform-aws-modules/s3-bucket/aws"
  bucket = "acme-artifacts"
}

module "alarms" {
  for_each = toset(["api", "worker"])
  source   = "git::https://github.com/acme/terraform-modules.git//alarms?ref=v2.3.0" # expect: terraform-module-pinned
  service  = each.key
}

module "dns" {
  source = "github.com/acme/terraform-dns" # expect: terraform-module-pinned
  zone   = "acme.example"
}
