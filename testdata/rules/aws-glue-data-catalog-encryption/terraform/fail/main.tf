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

resource "aws_glue_data_catalog_encryption_settings" "main" {
  data_catalog_encryption_settings {
    connection_password_encryption {
      return_connection_password_encrypted = false # expect: aws-glue-data-catalog-encryption
    }

    encryption_at_rest {
      catalog_encryption_mode = "DISABLED" # expect: aws-glue-data-catalog-encryption
    }
  }
}
