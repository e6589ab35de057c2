variable "password" {
  type      = string
  sensitive = true
}

variable "kms_key_id" {
  type = string
}

variable "vpc_id" {
  type = string
}

variable "ports" {
  type    = list(number)
  default = []
}

resource "aws_db_instance" "db" {
  count             = 1
  engine            = "postgres"
  storage_encrypted = true
  kms_key_id        = var.kms_key_id
  password          = var.password
}

resource "aws_security_group" "db" {
  vpc_id = var.vpc_id

  dynamic "ingress" {
    for_each = var.ports
    iterator = port
    content {
      from_port   = port.value
      to_port     = port.value
      protocol    = "tcp"
      cidr_blocks = ["10.0.0.0/8"]
    }
  }
}
