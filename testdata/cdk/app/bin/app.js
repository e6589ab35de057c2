#!/usr/bin/env node
'use strict';
// A CDK app with deliberate violations for tollgate's CDK scanner tests.
// Lines that must produce a finding carry an `expect:` marker naming the
// rules; `expect-debug:` marks where a CDK_DEBUG synth (property traces)
// moves the finding of the nearest `expect:` above it for the same rule.
// The Go tests read the markers instead of hard-coding line numbers.
const cdk = require('aws-cdk-lib');
const { StorageStack } = require('../lib/storage-stack');
const { DatabaseStack } = require('../lib/database-stack');
const { ComputeStack } = require('../lib/compute-stack');
const { CompliantStack } = require('../lib/compliant-stack');
const { EdgeStage } = require('../lib/edge-stage');
const { LegacyStack } = require('../lib/legacy-stack');

const app = new cdk.App();
const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };

new StorageStack(app, 'StorageStack', { env });
new DatabaseStack(app, 'DatabaseStack', { env });
new ComputeStack(app, 'ComputeStack', { env });
new CompliantStack(app, 'CompliantStack', { env });
new EdgeStage(app, 'Prod', { env });
new LegacyStack(app, 'LegacyStack', { env });

app.synth();
