/**
 * Least privilege, held to the code: each catalog function's role against the AWS SDK calls its bundle can
 * make. Each handler is bundled as for Lambda (esbuild, tree-shaken), the SDK left external so that every
 * command keeps its name; a command the bundle does not hold is one the function can never send. The
 * bundle may hold more than a request can reach (a module's exports kept for their side effects), so for
 * SES, Step Functions and S3 only one direction holds: nothing is granted that the bundle cannot send.
 * For the table both do: its actions are exactly what the bundle sends.
 */
import { build } from 'esbuild';
import type { Template } from 'aws-cdk-lib/assertions';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../functions/catalog.js';
import { tableSchema } from '../../functions/store/table-schema.js';
import { REPO_ROOT } from '../../infra/thidua-function.js';
import { PROVINCE_CONTEXT, asArray, statementsOf, synthesize } from './synth.js';

/** The IAM actions each SDK call needs. A transaction's parts are authorized as the writes they hold. */
const ACTIONS_OF: Record<string, readonly string[]> = {
  GetCommand: ['dynamodb:GetItem'],
  BatchGetCommand: ['dynamodb:BatchGetItem'],
  QueryCommand: ['dynamodb:Query'],
  PutCommand: ['dynamodb:PutItem'],
  UpdateCommand: ['dynamodb:UpdateItem'],
  DeleteCommand: ['dynamodb:DeleteItem'],
  TransactWriteCommand: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem'],
  SendRawEmailCommand: ['ses:SendRawEmail'],
  GetSendQuotaCommand: ['ses:GetSendQuota'],
  StartExecutionCommand: ['states:StartExecution'],
  SendTaskSuccessCommand: ['states:SendTaskSuccess'],
  SendTaskFailureCommand: ['states:SendTaskFailure'],
  GetObjectCommand: ['s3:GetObject'],
  // A missing object is a 404 rather than a 403 only with ListBucket.
  HeadObjectCommand: ['s3:GetObject', 's3:ListBucket'],
  PutObjectCommand: ['s3:PutObject'],
  DeleteObjectCommand: ['s3:DeleteObject'],
  createPresignedPost: ['s3:PutObject'],
};

/** The SDK calls a handler's bundle holds: `new XCommand(` (esbuild may suffix a name it renames) and the presigned POST. */
async function sdkCallsOf(entry: string): Promise<Set<string>> {
  const { outputFiles } = await build({
    entryPoints: [join(REPO_ROOT, entry)],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    mainFields: ['module', 'main'],
    external: ['@aws-sdk/*', '@smithy/*'],
    logLevel: 'silent',
  });
  const code = outputFiles[0]!.text;
  // The SDK's aggregated clients (`DynamoDBDocument`, `new SES()`) call methods, not commands: this check would not see them.
  expect(code, entry).not.toMatch(/\bDynamoDBDocument\b|\bnew (DynamoDB|SFN|SES|SESv2|S3)\d*\(/);
  return new Set([...code.matchAll(/\bnew (\w+?Command)\d*\(|\b(createPresignedPost)\d*\(/g)].map((m) => (m[1] ?? m[2])!));
}

/**
 * Actions a role holds, without its logs and X-Ray (the function's own log group and tracing) and the
 * dead-letter queue, where Lambda puts (with the function's role) an event the function failed on.
 */
function grantedActions(template: Template, name: string): Set<string> {
  const [deadLetters] = Object.keys(template.findResources('AWS::SQS::Queue'));
  const toDeadLetters = (resource: unknown) => JSON.stringify(resource) === JSON.stringify({ 'Fn::GetAtt': [deadLetters, 'Arn'] });
  return new Set(
    statementsOf(template, name)
      .filter((s) => !toDeadLetters(s.Resource))
      .flatMap((s) => asArray(s.Action))
      .filter((a) => !/^(logs|xray):/.test(a)),
  );
}

describe('the functions\' grants', () => {
  let template: Template;
  const calls = new Map<string, Set<string>>();

  beforeAll(async () => {
    template = synthesize(PROVINCE_CONTEXT, { bundle: false }).template;
    await Promise.all(FUNCTIONS.map(async (spec) => calls.set(spec.name, await sdkCallsOf(spec.entry))));
  }, 180_000);

  const neededBy = (name: string) => new Set([...calls.get(name)!].flatMap((call) => ACTIONS_OF[call] ?? []));

  it('knows every SDK call a function makes', () => {
    for (const spec of FUNCTIONS) {
      for (const call of calls.get(spec.name)!) expect(ACTIONS_OF, `${spec.name} sends ${call}`).toHaveProperty(call);
    }
  });

  it('grants no function an action its code never sends (only the functions that send receipts and sign-in links, and the drainer, may send email)', () => {
    for (const spec of FUNCTIONS) {
      const unused = [...grantedActions(template, spec.name)].filter((action) => !neededBy(spec.name).has(action));
      expect(unused, spec.name).toEqual([]);
    }
    const senders = FUNCTIONS.filter((spec) => grantedActions(template, spec.name).has('ses:SendRawEmail')).map((spec) => spec.name);
    expect(senders.sort()).toEqual(['admin-console', 'api', 'drain-outbox', 'link-pages']);
  });

  it('grants each function every table action its code sends', () => {
    // The data migrations are held to what the migrations do, narrower than their bundle (test/infra/data-migration.test.ts).
    for (const spec of FUNCTIONS.filter((f) => !f.afterDeploy)) {
      const table = [...neededBy(spec.name)].filter((action) => action.startsWith('dynamodb:'));
      expect([...grantedActions(template, spec.name)].filter((a) => a.startsWith('dynamodb:')).sort(), spec.name).toEqual(table.sort());
    }
  });

  it('opens the table\'s indexes only to the functions that query', () => {
    for (const spec of FUNCTIONS.filter((f) => !f.afterDeploy)) {
      const onIndexes = statementsOf(template, spec.name).some((s) => asArray(s.Action).some((a) => a.startsWith('dynamodb:')) && JSON.stringify(s.Resource).includes('/index/'));
      expect(onIndexes, spec.name).toBe(neededBy(spec.name).has('dynamodb:Query'));
    }
    expect(tableSchema.globalIndexes.length).toBeGreaterThan(0);
  });
});
