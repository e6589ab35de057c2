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

resource "aws_kms_key" "main" {
  description         = "Application data"
  enable_key_rotation = true
}

resource "aws_sagemaker_endpoint_configuration" "main" { # expect: aws-sagemaker-endpoint-config-kms
  name = "scoring"
  
  production_variants {
    variant_name           = "primary"
    model_name             = "scoring"
    initial_instance_count = 1
    instance_type          = "ml.m5.large"
  }
  
}
