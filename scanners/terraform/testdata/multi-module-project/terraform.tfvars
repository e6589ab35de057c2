env     = "prod"
buckets = ["a", "b"]
