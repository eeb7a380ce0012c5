/**
 * The data migrations on AWS (infra/data-migration.ts): a custom resource that runs the catalog's
 * `afterDeploy` function after the table and every other function, at every deploy that ships code, with
 * roles that may do only that.
 */
import type { Template } from 'aws-cdk-lib/assertions';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../functions/catalog.js';
import { MIGRATION_TABLE_ACTIONS, releaseDigest } from '../../infra/data-migration.js';
import { asArray, policyStatements, synthesize, type Synthesized } from './synth.js';

const CONTEXT = { sender: 'thidua.example.gov.vn', adminEmails: 'ban-tdkt@example.gov.vn', region: 'ap-southeast-1' };
const MIGRATING = FUNCTIONS.find((f) => f.afterDeploy)!;

describe('the data migrations after a deploy', () => {
  let synth: Synthesized;
  let template: Template;
  let resources: Record<string, { Type: string; Properties: Record<string, any>; DependsOn?: string[] }>;
  const logicalIdOf = (description: string) => Object.entries(resources).find(([, r]) => r.Type === 'AWS::Lambda::Function' && r.Properties.Description === description)![0];
  const statementsOf = (roleId: string) => policyStatements(template).filter((s) => resources[s.policy]!.Properties.Roles.some((r: { Ref: string }) => r.Ref === roleId));
  const arnOf = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });
  let migrateId: string;
  let run: (typeof resources)[string] | undefined;
  let providerId: string;

  beforeAll(() => {
    synth = synthesize(CONTEXT, { bundle: false });
    template = synth.template;
    resources = template.toJSON().Resources;
    migrateId = logicalIdOf(MIGRATING.description);
    [run] = Object.values(resources).filter((r) => r.Type === 'Custom::ThiDuaDataMigrations');
    providerId = run!.Properties.ServiceToken['Fn::GetAtt'][0];
  }, 120_000);

  it('is one custom resource whose provider invokes the catalog\'s migrating function, and passes cdk-nag', () => {
    expect(synth.error, String(synth.error)).toBeUndefined();
    expect(Object.values(resources).filter((r) => r.Type === 'Custom::ThiDuaDataMigrations')).toHaveLength(1);
    expect(resources[providerId]!.Properties.Environment.Variables.USER_ON_EVENT_FUNCTION_ARN).toEqual(arnOf(migrateId));
    // Its answer is awaited longer than the function may run.
    expect(Number(run!.Properties.ServiceTimeout)).toBeGreaterThan(MIGRATING.timeoutSeconds);
  });

  it('runs after the table and every other function of the deploy are in place', () => {
    const [tableId] = Object.keys(template.findResources('AWS::DynamoDB::GlobalTable'));
    expect(run!.DependsOn).toContain(tableId);
    for (const spec of FUNCTIONS.filter((f) => f !== MIGRATING)) expect(run!.DependsOn, spec.name).toContain(logicalIdOf(spec.description));
  });

  it('runs again at every deploy that ships code: the resource carries a digest of the release\'s sources', () => {
    expect(run!.Properties.Release).toBe(releaseDigest());
    // The function knows it too: a rollback, which names the previous release, migrates nothing.
    expect(resources[migrateId]!.Properties.Environment.Variables.RELEASE).toBe(releaseDigest());
    const root = mkdtempSync(join(tmpdir(), 'thidua-release-'));
    mkdirSync(join(root, 'functions/cycle'), { recursive: true });
    mkdirSync(join(root, 'workflows'));
    writeFileSync(join(root, 'functions/cycle/migrate.ts'), 'export const MIGRATIONS = [];');
    writeFileSync(join(root, 'workflows/cycle.asl.json'), '{}');
    writeFileSync(join(root, 'package-lock.json'), '{}');
    const first = releaseDigest(root);
    expect(releaseDigest(root)).toBe(first);
    writeFileSync(join(root, 'functions/cycle/migrate.ts'), 'export const MIGRATIONS = [awardsIndex];');
    expect(releaseDigest(root)).not.toBe(first);
  });

  it('lets the migrating function read and update the table and query gsi1, and nothing else: no mail, no workflow, no files', () => {
    const roleId = resources[migrateId]!.Properties.Role['Fn::GetAtt'][0];
    const [tableId] = Object.keys(template.findResources('AWS::DynamoDB::GlobalTable'));
    const statements = statementsOf(roleId);
    const granted = statements.flatMap((s) => asArray(s.Action));
    expect(granted.filter((a) => !/^(logs|xray):/.test(a)).sort()).toEqual([...MIGRATION_TABLE_ACTIONS].sort());
    const table = statements.find((s) => asArray(s.Action).includes('dynamodb:Query'))!;
    expect(asArray(table.Resource)).toEqual([arnOf(tableId!), { 'Fn::Join': ['', [arnOf(tableId!), '/index/gsi1']] }]);
    expect(resources[roleId]!.Properties.ManagedPolicyArns).toBeUndefined();
  });

  it('lets the provider write its own log group, kept three months, and invoke the migrating function alone, without a managed policy', () => {
    const roleId = resources[providerId]!.Properties.Role['Fn::GetAtt'][0];
    expect(resources[roleId]!.Properties.ManagedPolicyArns).toBeUndefined();
    const logGroupId = resources[providerId]!.Properties.LoggingConfig.LogGroup.Ref;
    expect(resources[logGroupId]!.Properties.RetentionInDays).toBe(90);
    const byAction = Object.fromEntries(statementsOf(roleId).flatMap((s) => asArray(s.Action).map((action) => [action, asArray(s.Resource)])));
    expect(byAction).toEqual({
      'logs:CreateLogStream': [arnOf(logGroupId)],
      'logs:PutLogEvents': [arnOf(logGroupId)],
      'lambda:InvokeFunction': [arnOf(migrateId), { 'Fn::Join': ['', [arnOf(migrateId), ':*']] }],
      'lambda:GetFunction': [arnOf(migrateId)],
    });
  });
});
