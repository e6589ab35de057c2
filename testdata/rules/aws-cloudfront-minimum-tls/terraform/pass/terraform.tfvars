regional_sites = {
  de = {
    domain                   = "de.example.com"
    origin                   = "de.origin.example.com"
    certificate_arn          = "arn:aws:acm:us-east-1:111122223333:certificate/0f4c8a52-6d1e-4b7a-9a51-2f0c3d7e8b10"
    minimum_protocol_version = "TLSv1.2_2021"
  }
  # The set-top box client was upgraded to TLS 1.2.
  legacy = {
    domain                   = "tv.example.com"
    origin                   = "tv.origin.example.com"
    certificate_arn          = "arn:aws:acm:us-east-1:111122223333:certificate/5b2e9d41-8c3a-4f6e-b7d0-91a2c4e6f833"
    minimum_protocol_version = "TLSv1.2_2019"
  }
}
