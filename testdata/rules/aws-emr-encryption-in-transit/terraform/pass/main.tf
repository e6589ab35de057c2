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

variable "security_configuration" {
  type        = string
  description = "The EMR security configuration JSON, supplied per environment."
}

resource "aws_emr_security_configuration" "analytics" {
  name          = "analytics"
  configuration = var.security_configuration
}

resource "aws_emr_security_configuration" "encrypted" {
  name = "encrypted"

  configuration = jsonencode({
    EncryptionConfiguration = {
      EnableAtRestEncryption    = true
      EnableInTransitEncryption = true
      AtRestEncryptionConfiguration = {
        S3EncryptionConfiguration = { EncryptionMode = "SSE-S3" }
      }
      InTransitEncryptionConfiguration = {
        TLSCertificateConfiguration = {
          CertificateProviderType = "PEM"
          S3Object                = "s3://emr-config/certs.zip"
        }
      }
    }
  })
}
