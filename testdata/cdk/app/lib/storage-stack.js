'use strict';
const cdk = require('aws-cdk-lib');
const s3 = require('aws-cdk-lib/aws-s3');
const sqs = require('aws-cdk-lib/aws-sqs');
const sns = require('aws-cdk-lib/aws-sns');
const kms = require('aws-cdk-lib/aws-kms');
const dynamodb = require('aws-cdk-lib/aws-dynamodb');
const ec2 = require('aws-cdk-lib/aws-ec2');
const ecr = require('aws-cdk-lib/aws-ecr');
const { AuditNestedStack } = require('./audit-nested-stack');

// StorageStack holds one violation per resource; CompliantStack holds their twins.
class StorageStack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, props);

    new s3.Bucket(this, 'LogsBucket'); // expect: aws-s3-bucket-encryption-kms aws-s3-bucket-enforce-tls aws-s3-bucket-public-access-block aws-s3-bucket-versioning aws-s3-bucket-access-logging

    // A reviewed exception: the waiver travels with the resource.
    const accessLogs = s3.Bucket.fromBucketName(this, 'AccessLogs', 'acme-access-logs');
    const archive = new s3.Bucket(this, 'ArchiveBucket', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, versioned: true, serverAccessLogsBucket: accessLogs }); // suppressed: aws-s3-bucket-encryption-kms
    archive.node.defaultChild.addMetadata('tollgate', {
      ignore: [{ id: 'aws-s3-bucket-encryption-kms', reason: 'public release artifacts, SSE-S3 is enough', expires: '2099-12-31' }],
    });

    new sqs.Queue(this, 'JobsQueue', { encryption: sqs.QueueEncryption.UNENCRYPTED }); // expect: aws-sqs-queue-encryption

    new sns.Topic(this, 'AlertsTopic'); // expect: aws-sns-topic-encryption

    new kms.Key(this, 'UnrotatedKey', { enableKeyRotation: false }); // expect: aws-kms-key-rotation

    new dynamodb.TableV2(this, 'OrdersTable', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } }); // expect: aws-dynamodb-table-encryption-kms aws-dynamodb-point-in-time-recovery

    const scratch = new ec2.Volume(this, 'ScratchVolume', { availabilityZone: 'ap-southeast-2a', size: cdk.Size.gibibytes(8) }); // expect: aws-ebs-encryption
    scratch.node.defaultChild.encrypted = false; // expect-debug: aws-ebs-encryption

    new ecr.Repository(this, 'ImagesRepo'); // expect: aws-ecr-image-tag-immutable aws-ecr-scan-on-push

    new AuditNestedStack(this, 'Audit');
  }
}

module.exports = { StorageStack };
