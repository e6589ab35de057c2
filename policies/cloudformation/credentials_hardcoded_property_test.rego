package tollgate.cloudformation.credentials_hardcoded_property_test

import rego.v1

import data.tollgate.cloudformation.credentials_hardcoded_property as rule

res(name, type, props) := {"Resources": {name: {"Type": type, "Properties": props}}}

noecho := {"__unknown__": true, "expr": "Ref DBPassword", "ref": "DBPassword", "sensitive": true}

test_rds_master_password if {
	rule.deny == {{
		"resource": "OrdersDb",
		"path": ["Resources", "OrdersDb", "Properties", "MasterUserPassword"],
		"message": "AWS::RDS::DBInstance property MasterUserPassword holds a plaintext credential",
		"secret": "changeme123",
	}} with input as res("OrdersDb", "AWS::RDS::DBInstance", {"Engine": "postgres", "MasterUsername": "app", "MasterUserPassword": "changeme123"})
}

test_nested_properties if {
	rule.deny == {{
		"resource": "Deployer",
		"path": ["Resources", "Deployer", "Properties", "LoginProfile", "Password"],
		"message": "AWS::IAM::User property LoginProfile.Password holds a plaintext credential",
		"secret": "Initial-Passw0rd",
	}} with input as res("Deployer", "AWS::IAM::User", {"LoginProfile": {"Password": "Initial-Passw0rd", "PasswordResetRequired": true}})

	rule.deny == {{
		"resource": "Broker",
		"path": ["Resources", "Broker", "Properties", "Users", 1, "Password"],
		"message": "AWS::AmazonMQ::Broker property Users[1].Password holds a plaintext credential",
		"secret": "mq-admin-pw",
	}} with input as res("Broker", "AWS::AmazonMQ::Broker", {"Users": [
		{"Username": "app", "Password": noecho},
		{"Username": "admin", "Password": "mq-admin-pw"},
	]})
}

test_other_credential_properties if {
	every c in [
		["AWS::ElastiCache::ReplicationGroup", {"TransitEncryptionEnabled": true, "AuthToken": "redis-auth-token-123456"}],
		["AWS::SecretsManager::Secret", {"SecretString": "{\"username\":\"app\",\"password\":\"pw\"}"}],
		["AWS::DMS::Endpoint", {"EndpointType": "source", "Password": "dms-pw"}],
		["AWS::Redshift::Cluster", {"MasterUsername": "admin", "MasterUserPassword": "Redsh1ft!"}],
		["AWS::DirectoryService::MicrosoftAD", {"Name": "corp.example.com", "Password": "Dir3ctory!"}],
		["AWS::Events::Connection", {"AuthParameters": {"ApiKeyAuthParameters": {"ApiKeyName": "x-api-key", "ApiKeyValue": "k-123"}}}],
		["AWS::Glue::Job", {"DefaultArguments": {"--db_password": "glue-pw"}}],
	] {
		count(rule.deny) == 1 with input as res("R", c[0], c[1])
	}
}

test_fixes_are_not_reported if {
	every v in [
		noecho,
		"{{resolve:secretsmanager:prod/orders-db:SecretString:password}}",
		"{{resolve:ssm-secure:/prod/orders-db/password:2}}",
		{"__unknown__": true, "expr": "Fn::GetAtt Secret.Password", "ref": "Secret", "attribute": "Password"},
	] {
		count(rule.deny) == 0 with input as res("OrdersDb", "AWS::RDS::DBInstance", {"MasterUserPassword": v})
	}
}

test_settings_are_not_credentials if {
	count(rule.deny) == 0 with input as res("OrdersDb", "AWS::RDS::DBCluster", {
		"ManageMasterUserPassword": true,
		"MasterUserSecret": {"KmsKeyId": "alias/db", "SecretArn": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db"},
		"MasterUsername": "app",
	})
	count(rule.deny) == 0 with input as res("Secret", "AWS::SecretsManager::Secret", {"GenerateSecretString": {
		"SecretStringTemplate": "{\"username\":\"app\"}",
		"GenerateStringKey": "password",
		"PasswordLength": 32,
		"ExcludeCharacters": "\"@/\\",
	}})
	count(rule.deny) == 0 with input as res("Pool", "AWS::Cognito::UserPoolClient", {"GenerateSecret": true, "AccessTokenValidity": 60, "ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH"]})
}

test_undecidable_condition_branch if {
	count(rule.deny) == 1 with input as res("OrdersDb", "AWS::RDS::DBInstance", {"MasterUserPassword": {
		"__unknown__": true, "expr": "Fn::If [IsProd, ...]",
		"options": ["{{resolve:secretsmanager:prod/db:SecretString:password}}", "devpassword"],
	}})
}

test_lambda_environment_left_to_environment_rule if {
	count(rule.deny) == 0 with input as res("Fn", "AWS::Lambda::Function", {"Environment": {"Variables": {"DB_PASSWORD": "pw"}}})
	count(rule.deny) == 0 with input as res("Fn", "AWS::Serverless::Function", {"Environment": {"Variables": {"DB_PASSWORD": "pw"}}})
}

test_ssm_parameter if {
	rule.deny == {{
		"resource": "DbPasswordParam",
		"path": ["Resources", "DbPasswordParam", "Properties", "Value"],
		"message": "SSM parameter /orders/prod/db-password holds a plaintext credential",
		"secret": "pw-in-ssm",
	}} with input as res("DbPasswordParam", "AWS::SSM::Parameter", {"Name": "/orders/prod/db-password", "Type": "String", "Value": "pw-in-ssm"})
	count(rule.deny) == 0 with input as res("P", "AWS::SSM::Parameter", {"Name": "/orders/prod/db-host", "Type": "String", "Value": "db.internal"})
	count(rule.deny) == 0 with input as res("P", "AWS::SSM::Parameter", {"Name": "/orders/prod/db-password-arn", "Type": "String", "Value": "x"})
}

test_api_gateway_key if {
	count(rule.deny) == 1 with input as res("Key", "AWS::ApiGateway::ApiKey", {"Enabled": true, "Value": "abcdefghijklmnopqrst0123"})
	count(rule.deny) == 0 with input as res("Key", "AWS::ApiGateway::ApiKey", {"Enabled": true})
}

# GitHub Actions OIDC trust policy: the condition key contains "token" and
# its value is an audience, not a credential.
test_iam_condition_keys_not_reported if {
	trust := {"Statement": [{
		"Effect": "Allow",
		"Action": "sts:AssumeRoleWithWebIdentity",
		"Condition": {
			"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"},
			"StringLike": {"token.actions.githubusercontent.com:sub": "repo:example/app:ref:refs/heads/main"},
		},
	}]}
	count(rule.deny) == 0 with input as res("GitHubRole", "AWS::IAM::Role", {"AssumeRolePolicyDocument": trust})
}

test_public_values_under_credential_names_not_reported if {
	ca := base64.encode("-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----\n")
	count(rule.deny) == 0 with input as res("Auth", "Custom::Auth", {"ClusterAuth": ca, "AuthToken": "sts.amazonaws.com"})
}

test_token_validity_units_not_reported if {
	count(rule.deny) == 0 with input as res("AppClient", "AWS::Cognito::UserPoolClient", {
		"AccessTokenValidity": 60,
		"TokenValidityUnits": {"AccessToken": "minutes", "IdToken": "minutes", "RefreshToken": "days"},
	})

	# A credential inside a block configuring it is still reported.
	count(rule.deny) == 1 with input as res("App", "AWS::Amplify::App", {"BasicAuthConfig": {"EnableBasicAuth": true, "Username": "admin", "Password": "hunter2-preview"}})
}

# An unexpanded Fn::ForEach loop sits beside the resources as an array.
test_foreach_entry_is_not_a_resource if {
	count(rule.deny) == 1 with input as {"Resources": {
		"Fn::ForEach::Tables": ["T", ["A"], {"Table${T}": {"Type": "AWS::DynamoDB::Table"}}],
		"Db": {"Type": "AWS::RDS::DBInstance", "Properties": {"MasterUserPassword": "changeme123"}},
	}}
}
