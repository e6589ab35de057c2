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

# A JSON document written as text.
resource "aws_s3_bucket_policy" "uploads" {
  bucket = "acme-uploads"
  policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"AnonymousUploads\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"*\"]},\"Action\":\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::acme-uploads/*\"},{\"Sid\":\"DenyInsecureTransport\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":[\"arn:aws:s3:::acme-uploads\",\"arn:aws:s3:::acme-uploads/*\"],\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}]}" # expect: aws-s3-bucket-policy-public-write
}

# Legacy inline policy of the bucket: everything, to everyone.
resource "aws_s3_bucket" "drop" {
  bucket = "acme-drop"
  policy = jsonencode({ # expect: aws-s3-bucket-policy-public-read, aws-s3-bucket-policy-public-write
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = "*"
        Action    = "s3:*"
        Resource  = ["arn:aws:s3:::acme-drop", "arn:aws:s3:::acme-drop/*"]
      },
      {
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = ["arn:aws:s3:::acme-drop", "arn:aws:s3:::acme-drop/*"]
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
    ]
  })
}
