'use strict';
const cdk = require('aws-cdk-lib');
const sns = require('aws-cdk-lib/aws-sns');

class EdgeStack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    new sns.Topic(this, 'EdgeEvents'); // expect: aws-sns-topic-encryption
  }
}

// A Stage synthesizes into its own nested cloud assembly (assembly-Prod).
class EdgeStage extends cdk.Stage {
  constructor(scope, id, props) {
    super(scope, id, props);
    new EdgeStack(this, 'EdgeStack');
  }
}

module.exports = { EdgeStage };
