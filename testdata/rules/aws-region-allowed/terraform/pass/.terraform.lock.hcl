# This file is maintained automatically by "terraform init".
# Manual edits may be lost in future updates.

provider "registry.terraform.io/hashicorp/aws" {
  version     = "6.0.0"
  constraints = "~> 6.0"
  hashes = [
    "h1:3ATzZ27bOvSnedjS31igF2upphuwu/vm8HjRXaZ7kuQ=",
    "zh:7c59f62cd25b4dd40640bcc23f727c361c24db49c61765dc4b9b58e5e1b7d364",
  ]
}
