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

resource "aws_kms_key" "main" {
  description         = "Search and cache data"
  enable_key_rotation = true
}

resource "aws_opensearch_domain" "logs" { # expect: aws-opensearch-encryption-at-rest, aws-opensearch-node-to-node-encryption, aws-opensearch-enforce-https
  domain_name    = "app-logs"
  engine_version = "OpenSearch_2.13"

  cluster_config {
    instance_type  = "r6g.large.search"
    instance_count = 2
  }
}

resource "aws_elasticsearch_domain" "legacy" {
  domain_name           = "legacy-search"
  elasticsearch_version = "7.10"

  encrypt_at_rest {
    enabled = false # expect: aws-opensearch-encryption-at-rest
  }

  node_to_node_encryption {
    enabled = false # expect: aws-opensearch-node-to-node-encryption
  }

  domain_endpoint_options {
    enforce_https       = false # expect: aws-opensearch-enforce-https
    tls_security_policy = "Policy-Min-TLS-1-0-2019-07" # expect: aws-opensearch-enforce-https
  }
}
