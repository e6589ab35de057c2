'use strict';
const fs = require('fs');
const path = require('path');
const cdk = require('aws-cdk-lib');
const lambda = require('aws-cdk-lib/aws-lambda');
const s3assets = require('aws-cdk-lib/aws-s3-assets');
const ecrAssets = require('aws-cdk-lib/aws-ecr-assets');

const root = path.join(__dirname, '..');

// Bundling that runs in the synth itself (no Docker): it copies the handler.
function localBundling(src) {
  return {
    image: cdk.DockerImage.fromRegistry('public.ecr.aws/docker/library/node:22-alpine'),
    local: {
      tryBundle(outputDir) {
        fs.copyFileSync(path.join(src, 'index.js'), path.join(outputDir, 'index.js'));
        return true;
      },
    },
  };
}

// Assets whose recorded hashes tollgate recomputes (cdk-asset-hash-mismatch):
// every shape aws-cdk-lib fingerprints, so the committed synth proves the
// algorithm. None of them may produce a finding on the pristine assembly.
function addAssetCases(stack, codeSigningConfig) {
  // A single file: CRLF line endings and a two-byte character split by the
  // fingerprint's 8 KiB reads.
  new s3assets.Asset(stack, 'NotesFile', { path: path.join(root, 'assets', 'notes.txt') });

  // A folder with excludes, a binary file, links inside it (kept as links)
  // and a link out of it (followed: the staged copy holds the file).
  new s3assets.Asset(stack, 'SiteFolder', { path: path.join(root, 'assets', 'site'), exclude: ['*.map', 'drafts'] });

  // An image with every build option the asset hash covers, a .dockerignore
  // with a negated pattern, and cache options, which it does not cover.
  new ecrAssets.DockerImageAsset(stack, 'ApiImage', {
    directory: path.join(root, 'docker', 'api'),
    file: 'Dockerfile.api',
    target: 'runtime',
    buildArgs: { BASE: 'node:22-alpine', PORT: '8080' },
    buildSecrets: { npmrc: cdk.DockerBuildSecret.fromSrc('secrets/npmrc') },
    buildSsh: 'default',
    buildContexts: { shared: 'docker-image://public.ecr.aws/docker/library/alpine:3.20' },
    platform: ecrAssets.Platform.LINUX_ARM64,
    networkMode: ecrAssets.NetworkMode.HOST,
    outputs: ['type=docker'],
    cacheDisabled: true,
  });

  // Options the assembly does not record: build arguments left out of the
  // hash, glob excludes instead of .dockerignore semantics, links followed.
  new ecrAssets.DockerImageAsset(stack, 'ToolsImage', {
    directory: path.join(root, 'docker', 'worker'),
    buildArgs: { NODE_TAG: '22-alpine' },
    invalidation: { buildArgs: false },
    ignoreMode: cdk.IgnoreMode.GLOB,
    followSymlinks: cdk.SymlinkFollowMode.ALWAYS,
  });

  // Bundled code: hashed from its source and bundling options (not in the
  // assembly: unverifiable), or from the bundle itself (verifiable).
  const bundledSrc = path.join(root, 'lambda', 'bundled');
  new lambda.Function(stack, 'BundledHandler', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromAsset(bundledSrc, { bundling: localBundling(bundledSrc) }),
    codeSigningConfig,
  });
  new lambda.Function(stack, 'OutputHashedHandler', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromAsset(bundledSrc, { assetHashType: cdk.AssetHashType.OUTPUT, bundling: localBundling(bundledSrc) }),
    codeSigningConfig,
  });
}

module.exports = { addAssetCases };
