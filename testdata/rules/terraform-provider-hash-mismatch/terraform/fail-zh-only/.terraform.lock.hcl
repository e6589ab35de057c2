# This file is maintained automatically by "terraform init".
# Manual edits may be lost in future updates.

provider "registry.terraform.io/hashicorp/aws" {
  version     = "5.46.0"
  constraints = "~> 5.40"
  hashes = [
    "h1:d0Mf33mbbQujZ/JaYkqmH5gZGvP+iEIWf9yBSiOwimE=",
    "zh:05ae6180a7f23071435f6e5e59c19af0b6c5da42ee600c6c1568c8660214d548",
  ]
}

provider "registry.terraform.io/hashicorp/random" { # expect: terraform-provider-hash-mismatch
  version     = "3.6.1"
  constraints = "~> 3.6"
  hashes = [
    "zh:2a0ec154e39911f19c8214acd6241e469157489fc56b6c739f45fbed5896a176",
  ]
}

provider "registry.terraform.io/hashicorp/tls" {
  version     = "4.0.5"
  constraints = ">= 4.0.0"
  hashes = [
    "h1:VqmckcGV9CDNFqQySOqTo86DoqynM5uzsj0M5yryvEs=",
    "zh:b396ec0c846fd5a4bc77043defda0fbeb5b2e62cb4d259bb6ceac595eb03c258",
  ]
}
