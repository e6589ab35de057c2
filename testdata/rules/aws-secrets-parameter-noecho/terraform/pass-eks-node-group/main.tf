terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.40"
    }
  }
}

resource "aws_launch_template" "nodes" {
  name_prefix = "${var.cluster_name}-nodes-"
  user_data = base64encode(<<-EOT
    #!/bin/bash
    /etc/eks/bootstrap.sh ${var.cluster_name} \
      --apiserver-endpoint ${var.cluster_endpoint} \
      --b64-cluster-ca ${var.cluster_auth_base64}
  EOT
  )

  metadata_options {
    http_tokens = "required"
  }
}
