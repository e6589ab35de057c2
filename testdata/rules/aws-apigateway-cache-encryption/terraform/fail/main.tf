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

resource "aws_api_gateway_stage" "prod" {
  rest_api_id           = "a1b2c3d4e5"
  deployment_id         = "abc123"
  stage_name            = "prod"
  cache_cluster_enabled = true # expect: aws-apigateway-cache-encryption
  cache_cluster_size    = "0.5"
}

resource "aws_api_gateway_method_settings" "orders" {
  rest_api_id = "a1b2c3d4e5"
  stage_name  = aws_api_gateway_stage.prod.stage_name
  method_path = "orders/GET"

  settings {
    caching_enabled      = true
    cache_data_encrypted = false # expect: aws-apigateway-cache-encryption
  }
}
