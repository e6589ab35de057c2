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

resource "aws_s3_bucket_policy" "uploads" {
  bucket = "acme-uploads"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "OrganisationUploads"
        Effect    = "Allow"
        Principal = { AWS = "*" }
        Action    = "s3:PutObject"
        Resource  = "arn:aws:s3:::acme-uploads/*"
        Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" } }
      },
      {
        Sid       = "DenyInsecureTransport"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = ["arn:aws:s3:::acme-uploads", "arn:aws:s3:::acme-uploads/*"]
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
    ]
  })
}
