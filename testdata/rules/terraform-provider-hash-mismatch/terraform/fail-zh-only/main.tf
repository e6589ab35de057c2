resource "random_password" "db" {
  length = 32
}

resource "tls_private_key" "deploy" {
  algorithm = "ED25519"
}
