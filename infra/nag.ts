/**
 * The cdk-nag AwsSolutions findings we accept, each with its reason. Everything else cdk-nag reports
 * fails synth. Each acknowledgement is scoped to the construct that causes it, never to the whole stack.
 */
import { Stack, Validations } from 'aws-cdk-lib';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type { CfnBucket } from 'aws-cdk-lib/aws-s3';
import type { ThiDuaStack } from './thidua-stack.js';

/** X-Ray has no resource-level permissions: PutTraceSegments and friends only accept "*". */
const XRAY_REASON =
  'Active tracing: the X-Ray actions (xray:PutTraceSegments, PutTelemetryRecords, GetSampling*) support no resource-level permissions, so their resource is "*" (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsx-ray.html); nor does ses:GetSendQuota, which the outbox drainer alone reads for the account\'s sending rate. No action on our own resources is granted on "*".';

export function acknowledgeFindings(stack: ThiDuaStack): void {
  Validations.of(stack.api).acknowledge({
    id: 'AwsSolutions::AwsSolutions-APIG4',
    reason:
      'No API Gateway authorizer, by design (SPEC §2): units and approvers act through emailed links whose 256-bit opaque ids are the credential, resolved and checked server-side (purpose, expiry, single use); admins sign in by an emailed link to an allow-listed address and hold a session cookie checked by the admin function; POSTs are CSRF-protected. The people using it have no accounts an authorizer could check.',
  });
  for (const fn of stack.functions) {
    Validations.of(fn.role).acknowledge({ id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]', reason: XRAY_REASON });
  }
  const bucketId = Stack.of(stack).getLogicalId(stack.files.bucket.node.defaultChild as CfnBucket);
  for (const fn of stack.functions.filter((f) => f.spec.files)) {
    for (const prefix of fn.spec.files === 'read' ? ['files'] : ['files', 'uploads']) {
      Validations.of(fn.role).acknowledge({
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${prefix}/*]`,
        reason: `The objects under ${prefix}/ of the files bucket: every key there is made by functions/files from a cycle id and a random upload id, so no fixed list of object ARNs exists; the grant is limited to that prefix of that one bucket and to the actions the catalog's "files" access needs.`,
      });
    }
  }
  const migrating = stack.migration.migratingFunction;
  Validations.of(stack.migration.providerRole).acknowledge({
    id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${Stack.of(stack).getLogicalId(migrating.node.defaultChild as CfnFunction)}.Arn>:*]`,
    reason:
      'The provider of the data-migration custom resource (aws-cdk-lib/custom-resources) grants itself lambda:InvokeFunction on the migrating function and on its qualified ARNs (`:*`, its versions and aliases): one function of this stack, no other; the rest of its role is its own log group and lambda:GetFunction on that function.',
  });
  Validations.of(stack.files.bucket).acknowledge({
    id: 'AwsSolutions::AwsSolutions-S1',
    reason:
      'No server access logs for the files bucket: every file is recorded with who added it, when and its sha256 in the hash-chained audit trail, and every read is a presigned GET issued by a function after checking the link or the admin session; access logs would need a second bucket holding the same facts less reliably.',
  });
  Validations.of(stack.stateMachine.role).acknowledge({
    id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
    reason: `${XRAY_REASON} Logging to CloudWatch Logs likewise needs the log delivery actions (logs:CreateLogDelivery, GetLogDelivery, UpdateLogDelivery, DeleteLogDelivery, ListLogDeliveries, PutResourcePolicy, DescribeResourcePolicies, DescribeLogGroups) on "*", as Step Functions documents (https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html).`,
  });
  Validations.of(stack.operations.deadLetters).acknowledge({
    id: 'AwsSolutions::AwsSolutions-SQS3',
    reason:
      'This queue is itself the dead-letter queue of the EventBridge targets (the sweep schedule, the SES Send events): cdk-nag recognises only SQS redrive policies as DLQ use. A message here has already failed every retry; it is kept 14 days and alarmed on (EventDeadLetters) for a person to inspect or replay.',
  });
  Validations.of(stack.operations.backupPlan).acknowledge({
    id: 'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
    reason:
      'The role AWS Backup assumes to back the table up carries the service-role policy AWS Backup documents for it (https://docs.aws.amazon.com/aws-backup/latest/devguide/iam-service-roles.html); only the backup service can assume it, and the backup selection limits it to the one table.',
  });
}
