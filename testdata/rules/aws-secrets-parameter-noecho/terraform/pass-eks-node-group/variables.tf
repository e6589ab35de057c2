variable "cluster_name" {
  description = "Name of the EKS cluster the nodes join"
  type        = string
}

variable "cluster_endpoint" {
  description = "Endpoint of the cluster's Kubernetes API server"
  type        = string
}

variable "cluster_auth_base64" {
  description = "Base64 encoded certificate authority of the cluster (public)"
  type        = string
  default     = ""
}

variable "oidc_token_audiences" {
  description = "Audiences accepted in the web identity tokens of the cluster's OIDC provider"
  type        = list(string)
  default     = ["sts.amazonaws.com"]
}

variable "token_expiry_seconds" {
  type    = list(number)
  default = [900, 3600]
}

variable "enable_token_auth" {
  type    = optional(bool)
  default = true
}

variable "parent_secret_stack" {
  description = "Name of the CloudFormation stack exporting the shared secret ARN"
  type        = string
  default     = ""
}
