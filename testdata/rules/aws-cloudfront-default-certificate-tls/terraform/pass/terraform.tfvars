docs_certificate_arn = "arn:aws:acm:us-east-1:111122223333:certificate/7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f"
