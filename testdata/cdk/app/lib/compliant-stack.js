'use strict';
const cdk = require('aws-cdk-lib');
const s3 = require('aws-cdk-lib/aws-s3');
const sqs = require('aws-cdk-lib/aws-sqs');
const sns = require('aws-cdk-lib/aws-sns');
const kms = require('aws-cdk-lib/aws-kms');
const dynamodb = require('aws-cdk-lib/aws-dynamodb');
const ec2 = require('aws-cdk-lib/aws-ec2');
const ecr = require('aws-cdk-lib/aws-ecr');

// The compliant twin of every StorageStack resource: no finding expected here.
class CompliantStack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    const key = new kms.Key(this, 'DataKey', { enableKeyRotation: true });

    const accessLogs = s3.Bucket.fromBucketName(this, 'AccessLogs', 'acme-access-logs');
    new s3.Bucket(this, 'LogsBucket', {
      encryption: s3.BucketEncryption.KMS, encryptionKey: key, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      versioned: true, serverAccessLogsBucket: accessLogs, serverAccessLogsPrefix: 'logs-bucket/',
    });
    new sqs.Queue(this, 'JobsQueue', { encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: key });
    new sns.Topic(this, 'AlertsTopic', { masterKey: key });
    new dynamodb.TableV2(this, 'OrdersTable', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      encryption: dynamodb.TableEncryptionV2.customerManagedKey(key),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    });
    new ec2.Volume(this, 'ScratchVolume', {
      availabilityZone: 'ap-southeast-2a', size: cdk.Size.gibibytes(8), encrypted: true, encryptionKey: key,
    });
    new ecr.Repository(this, 'ImagesRepo', { imageTagMutability: ecr.TagMutability.IMMUTABLE, imageScanOnPush: true });
  }
}

module.exports = { CompliantStack };
