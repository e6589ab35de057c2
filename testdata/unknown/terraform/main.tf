variable "encryption" {
  type = string
}

variable "known" {
  type    = string
  default = "KMS"
}

resource "aws_kinesis_stream" "undecided" {
  name            = "undecided"
  shard_count     = 1
  encryption_type = var.encryption # expect: aws-kinesis-stream-encryption/unknown
}

resource "aws_kinesis_stream" "decided" {
  name            = "decided"
  shard_count     = 1
  encryption_type = var.known
}
