# A node group pinned to one cluster: its CA certificate is public and
# appears in every kubeconfig, so a default for it is not a credential.
variable "cluster_auth_base64" {
  description = "Base64 encoded certificate authority of the cluster"
  type        = string
  default     = "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUM1ekNDQWMrZ0F3SUJBZ0lCQURBTkJna3Foa2lHOXcwQkFRc0ZBREFWTVJNd0VRWURWUVFERXdwcmRXSmwKY201bGRHVnpNQjRYRFRJMk1ERXdNVEF3TURBd01Gb1hEVE0yTURFd01UQXdNREF3TUZvd0ZURVRNQkVHQTFVRQotLS0tLUVORCBDRVJUSUZJQ0FURS0tLS0tCg=="
}

variable "password_reuse_prevention" {
  type    = number
  default = 24
}

variable "oidc_token_audience" {
  type    = string
  default = "sts.amazonaws.com"
}

variable "parent_secret_stack" {
  type    = string
  default = "prod-database-secret"
}

resource "aws_iam_account_password_policy" "this" {
  minimum_password_length   = 14
  password_reuse_prevention = var.password_reuse_prevention
  max_password_age          = 90
}
