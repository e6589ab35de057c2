locals {
  a = "${local.b}-x"
  b = local.c
  c = local.a
}

resource "aws_s3_bucket" "b" {
  bucket = local.a
}
