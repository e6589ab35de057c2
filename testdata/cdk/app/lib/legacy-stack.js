'use strict';
const path = require('path');
const cdk = require('aws-cdk-lib');
const s3assets = require('aws-cdk-lib/aws-s3-assets');
const ecrAssets = require('aws-cdk-lib/aws-ecr-assets');

const root = path.join(__dirname, '..');

// A stack synthesized the way CDK did before asset manifests: its assets are
// recorded as aws:cdk:asset metadata in manifest.json, and published through
// template parameters.
class LegacyStack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, { ...props, synthesizer: new cdk.LegacyStackSynthesizer() });
    new s3assets.Asset(this, 'LegacySite', { path: path.join(root, 'assets', 'site'), exclude: ['*.map', 'drafts'] });
    new ecrAssets.DockerImageAsset(this, 'LegacyImage', {
      directory: path.join(root, 'docker', 'api'),
      file: 'Dockerfile.api',
      target: 'runtime',
      buildArgs: { BASE: 'node:22-alpine' },
    });
  }
}

module.exports = { LegacyStack };
