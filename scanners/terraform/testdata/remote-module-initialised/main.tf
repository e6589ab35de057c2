module "store" {
  source  = "example/store/aws"
  version = "1.0.0"
  name    = "data"
}
