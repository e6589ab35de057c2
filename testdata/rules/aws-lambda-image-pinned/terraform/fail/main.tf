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

resource "aws_lambda_function" "thumbnailer" {
  function_name = "thumbnailer"
  role          = "arn:aws:iam::123456789012:role/thumbnailer"
  package_type  = "Image"
  image_uri     = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/thumbnailer:latest" # expect: aws-lambda-image-pinned
  memory_size   = 1024
  timeout       = 30
}

resource "aws_lambda_function" "resizer" {
  function_name = "resizer"
  role          = "arn:aws:iam::123456789012:role/thumbnailer"
  package_type  = "Image"
  image_uri     = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/resizer" # expect: aws-lambda-image-pinned
}
