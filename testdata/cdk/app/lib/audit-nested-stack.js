'use strict';
const cdk = require('aws-cdk-lib');
const sqs = require('aws-cdk-lib/aws-sqs');

// A nested stack: its template is its own document with its own construct paths.
class AuditNestedStack extends cdk.NestedStack {
  constructor(scope, id, props) {
    super(scope, id, props);
    const queue = new sqs.CfnQueue(this, 'AuditQueue', { queueName: 'audit-events' }); // expect: aws-sqs-queue-encryption
    queue.addPropertyOverride('SqsManagedSseEnabled', false); // expect-debug: aws-sqs-queue-encryption
  }
}

module.exports = { AuditNestedStack };
