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

variable "db_password" {
  type      = string
  sensitive = true
}

# storage_encrypted defaults to false.
resource "aws_db_instance" "orders" { # expect: aws-rds-storage-encrypted
  identifier          = "orders"
  engine              = "postgres"
  engine_version      = "16.3"
  instance_class      = "db.t4g.medium"
  allocated_storage   = 50
  username            = "orders"
  password            = var.db_password
  skip_final_snapshot = false
}

resource "aws_rds_cluster" "reporting" {
  cluster_identifier = "reporting"
  engine             = "aurora-postgresql"
  engine_mode        = "provisioned"
  master_username    = "reporting"
  master_password    = var.db_password
  storage_encrypted  = false # expect: aws-rds-storage-encrypted
}

# Members take encryption from the cluster: reported once, on the cluster.
resource "aws_rds_cluster_instance" "reporting" {
  count              = 2
  identifier         = "reporting-${count.index}"
  cluster_identifier = aws_rds_cluster.reporting.id
  instance_class     = "db.r6g.large"
  engine             = aws_rds_cluster.reporting.engine
}

resource "aws_docdb_cluster" "catalog" { # expect: aws-rds-storage-encrypted
  cluster_identifier = "catalog"
  master_username    = "catalog"
  master_password    = var.db_password
}

resource "aws_neptune_cluster" "graph" {
  cluster_identifier  = "graph"
  engine              = "neptune"
  storage_encrypted   = "false" # expect: aws-rds-storage-encrypted
  skip_final_snapshot = true
}
