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

resource "aws_lambda_permission" "url" {
  statement_id           = "PublicUrl"
  action                 = "lambda:InvokeFunctionUrl"
  function_name          = "webhook"
  function_url_auth_type = "NONE"
  principal              = "*" # expect: aws-lambda-permission-public
}
