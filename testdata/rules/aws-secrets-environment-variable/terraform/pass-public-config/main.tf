resource "aws_kms_key" "lambda" {
  description         = "Lambda environment variables"
  enable_key_rotation = true
}

resource "aws_signer_signing_profile" "lambda" {
  platform_id = "AWSLambda-SHA384-ECDSA"
  name_prefix = "lambda_"
}

resource "aws_lambda_code_signing_config" "enforce" {
  allowed_publishers {
    signing_profile_version_arns = [aws_signer_signing_profile.lambda.version_arn]
  }

  policies {
    untrusted_artifact_on_deployment = "Enforce"
  }
}

resource "aws_iam_role" "client" {
  name = "cluster-client"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "lambda.amazonaws.com" }
    }]
  })
}

resource "aws_lambda_function" "cluster_client" {
  function_name = "cluster-client"
  role          = aws_iam_role.client.arn
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "build/app.zip"

  kms_key_arn             = aws_kms_key.lambda.arn
  code_signing_config_arn = aws_lambda_code_signing_config.enforce.arn

  environment {
    variables = {
      CLUSTER_AUTH_BASE64 = "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUM1ekNDQWMrZ0F3SUJBZ0lCQURBTkJna3Foa2lHOXcwQkFRc0ZBREFWTVJNd0VRWURWUVFERXdwcmRXSmwKY201bGRHVnpNQjRYRFRJMk1ERXdNVEF3TURBd01Gb1hEVE0yTURFd01UQXdNREF3TUZvd0ZURVRNQkVHQTFVRQotLS0tLUVORCBDRVJUSUZJQ0FURS0tLS0tCg=="
      OIDC_TOKEN_AUDIENCE = "sts.amazonaws.com"
      AUTH_PROXY_STACK    = "prod-auth-proxy"
      PARENT_SECRET_STACK = "prod-database-secret"
      TOKEN_ISSUER        = "https://oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF"
    }
  }
}
