'use strict';
const path = require('path');
const cdk = require('aws-cdk-lib');
const lambda = require('aws-cdk-lib/aws-lambda');
const kms = require('aws-cdk-lib/aws-kms');
const signer = require('aws-cdk-lib/aws-signer');
const { addAssetCases } = require('./asset-cases');

class ComputeStack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, props);

    new lambda.Function(this, 'ApiHandler', { // expect: aws-lambda-environment-encryption-kms aws-lambda-code-signing
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset(path.join(__dirname, '..', 'lambda', 'handler')),
      environment: { TABLE_NAME: 'orders', LOG_LEVEL: 'info' },
    });

    const envKey = new kms.Key(this, 'EnvKey', { enableKeyRotation: true });
    const profile = new signer.SigningProfile(this, 'SigningProfile', { platform: signer.Platform.AWS_LAMBDA_SHA384_ECDSA });
    const codeSigningConfig = new lambda.CodeSigningConfig(this, 'CodeSigning', {
      signingProfiles: [profile],
      untrustedArtifactOnDeployment: lambda.UntrustedArtifactOnDeployment.ENFORCE,
    });
    new lambda.Function(this, 'SealedHandler', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset(path.join(__dirname, '..', 'lambda', 'handler')),
      environment: { TABLE_NAME: 'orders' },
      environmentEncryption: envKey,
      codeSigningConfig,
    });

    new lambda.DockerImageFunction(this, 'Worker', {
      code: lambda.DockerImageCode.fromImageAsset(path.join(__dirname, '..', 'docker', 'worker'), {
        // The app, not the Dockerfile, picks the floating tag.
        buildArgs: { NODE_TAG: 'latest', APP_VERSION: '1.2.3' },
      }),
    });

    addAssetCases(this, codeSigningConfig);
  }
}

module.exports = { ComputeStack };
