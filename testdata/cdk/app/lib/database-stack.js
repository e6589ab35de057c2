'use strict';
const cdk = require('aws-cdk-lib');
const ec2 = require('aws-cdk-lib/aws-ec2');
const kms = require('aws-cdk-lib/aws-kms');
const rds = require('aws-cdk-lib/aws-rds');

class DatabaseStack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    const vpc = new ec2.Vpc(this, 'Vpc', { // expect: aws-vpc-flow-logs
      maxAzs: 2,
      natGateways: 0,
      subnetConfiguration: [{ name: 'db', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
    });
    const engine = rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 });
    const instanceType = ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.MICRO);
    const vpcSubnets = { subnetType: ec2.SubnetType.PRIVATE_ISOLATED };

    new rds.DatabaseInstance(this, 'OrdersDb', { // expect: aws-rds-storage-encrypted aws-secrets-hardcoded-property aws-rds-backup-retention
      engine, instanceType, vpc, vpcSubnets,
      storageEncrypted: false,
      credentials: rds.Credentials.fromPassword('orders', cdk.SecretValue.unsafePlainText('Orders-Passw0rd-2024!')),
    });

    const dbKey = new kms.Key(this, 'LedgerKey', { enableKeyRotation: true });
    new rds.DatabaseInstance(this, 'LedgerDb', {
      engine, instanceType, vpc, vpcSubnets,
      storageEncrypted: true,
      storageEncryptionKey: dbKey,
      backupRetention: cdk.Duration.days(7),
      credentials: rds.Credentials.fromGeneratedSecret('ledger', { encryptionKey: dbKey }),
    });
  }
}

module.exports = { DatabaseStack };
