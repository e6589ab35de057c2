variable "reader_role_arn" {
  type = string
}

resource "aws_s3_bucket" "reports" {
  bucket = "acme-reports"
}

# Grants read access and mentions Deny nowhere: plain HTTP stays allowed.
resource "aws_s3_bucket_policy" "reports" {
  bucket = aws_s3_bucket.reports.id
  policy = jsonencode({ # expect: aws-s3-bucket-enforce-tls
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = var.reader_role_arn }
      Action    = ["s3:GetObject"]
      Resource  = "${aws_s3_bucket.reports.arn}/*"
    }]
  })
}
