/**
 * The cdk-nag AwsSolutions findings we accept, each with its reason. Everything else cdk-nag reports
 * fails synth. Each acknowledgement is scoped to the construct that causes it, never to the whole stack.
 */
import { Validations } from 'aws-cdk-lib';
import type { ThiDuaStack } from './thidua-stack.js';

/** X-Ray has no resource-level permissions: PutTraceSegments and friends only accept "*". */
const XRAY_REASON =
  'Active tracing: the X-Ray actions (xray:PutTraceSegments, PutTelemetryRecords, GetSampling*) support no resource-level permissions, so their resource is "*" (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsx-ray.html). No action on our own resources is granted on "*".';

export function acknowledgeFindings(stack: ThiDuaStack): void {
  Validations.of(stack.api).acknowledge({
    id: 'AwsSolutions::AwsSolutions-APIG4',
    reason:
      'No API Gateway authorizer, by design (SPEC §2): units and approvers act through emailed links whose 256-bit opaque ids are the credential, resolved and checked server-side (purpose, expiry, single use); admins sign in by an emailed link to an allow-listed address and hold a session cookie checked by the admin function; POSTs are CSRF-protected. The people using it have no accounts an authorizer could check.',
  });
  for (const fn of stack.functions) {
    Validations.of(fn.role).acknowledge({ id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]', reason: XRAY_REASON });
  }
  Validations.of(stack.stateMachine.role).acknowledge({
    id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
    reason: `${XRAY_REASON} Logging to CloudWatch Logs likewise needs the log delivery actions (logs:CreateLogDelivery, GetLogDelivery, UpdateLogDelivery, DeleteLogDelivery, ListLogDeliveries, PutResourcePolicy, DescribeResourcePolicies, DescribeLogGroups) on "*", as Step Functions documents (https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html).`,
  });
}
