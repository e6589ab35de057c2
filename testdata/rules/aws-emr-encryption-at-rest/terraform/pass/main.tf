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

resource "aws_emr_security_configuration" "analytics" {
  name = "analytics"

  configuration = <<-EOF
    {
      "EncryptionConfiguration": {
        "EnableAtRestEncryption": true,
        "EnableInTransitEncryption": true,
        "AtRestEncryptionConfiguration": {
          "S3EncryptionConfiguration": {"EncryptionMode": "SSE-S3"},
          "LocalDiskEncryptionConfiguration": {
            "EncryptionKeyProviderType": "AwsKms",
            "AwsKmsKey": "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
          }
        },
        "InTransitEncryptionConfiguration": {
          "TLSCertificateConfiguration": {
            "CertificateProviderType": "PEM",
            "S3Object": "s3://emr-config/certs.zip"
          }
        }
      }
    }
  EOF
}
