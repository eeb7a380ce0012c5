/**
 * Synthesizes the Thi đua app as `npm run synth` does (context, cdk-nag), into a temporary directory,
 * once per test file. `bundle: false` skips esbuild (CDK's `aws:cdk:bundling-stacks`) for tests that
 * only read the template.
 */
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { expect } from 'vitest';
import { FUNCTIONS } from '../../functions/catalog.js';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildThiDua } from '../../infra/build.js';
import type { ThiDuaStack } from '../../infra/thidua-stack.js';

/** The feature flags and defaults of cdk.json, which the CLI gives the app and `new App()` does not. */
const CDK_JSON_CONTEXT = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')).context as Record<string, unknown>;

export interface Synthesized {
  stack: ThiDuaStack;
  template: Template;
  outdir: string;
  /** What synth threw (cdk-nag findings fail it), if anything. */
  error?: unknown;
}

export interface SynthOptions {
  bundle?: boolean;
  /** Changes the stack before synth (to see what the checks make of a change). */
  alter?: (stack: ThiDuaStack) => void;
}

export function synthesize(context: Record<string, unknown>, options: SynthOptions = {}): Synthesized {
  const outdir = mkdtempSync(join(tmpdir(), 'thidua-cdk-'));
  const bundling = options.bundle === false ? { 'aws:cdk:bundling-stacks': [] } : {};
  const app = new App({ outdir, context: { ...CDK_JSON_CONTEXT, ...context, ...bundling } });
  const stack = buildThiDua(app);
  options.alter?.(stack);
  let error: unknown;
  try {
    app.synth();
  } catch (e) {
    error = e;
  }
  const template = Template.fromJSON(JSON.parse(readFileSync(join(outdir, `${stack.artifactId}.template.json`), 'utf8')));
  return { stack, template, outdir, ...(error === undefined ? {} : { error }) };
}

/** Every IAM policy statement of the template, with the logical id of the policy holding it. */
export function policyStatements(template: Template): { policy: string; Action: string | string[]; Resource: unknown }[] {
  return Object.entries(template.findResources('AWS::IAM::Policy')).flatMap(([policy, resource]) =>
    (resource.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[]).map((statement) => ({ policy, ...statement })),
  );
}

export const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/** A province's deployment parameters, as the stack tests synthesize it. */
export const PROVINCE_CONTEXT = {
  sender: 'thidua.example.gov.vn',
  adminEmails: 'ban-tdkt@example.gov.vn, it@example.gov.vn',
  publicUrl: 'https://thidua.example.gov.vn/',
  region: 'ap-southeast-1',
};

/** A reference to the ARN of a resource of the template. */
export const fnArn = (logicalId: string) => ({ 'Fn::GetAtt': [logicalId, 'Arn'] });

/** The logical id of the Lambda function a catalog entry became. */
export function functionLogicalId(template: Template, name: string): string {
  const spec = FUNCTIONS.find((f) => f.name === name)!;
  const found = Object.entries(template.findResources('AWS::Lambda::Function')).filter(([, r]) => r.Properties.Description === spec.description);
  expect(found, `one function for ${name}`).toHaveLength(1);
  return found[0]![0];
}

/** Every statement of the policies attached to the role of a catalog function. */
export function statementsOf(template: Template, name: string): ReturnType<typeof policyStatements> {
  const resources = template.toJSON().Resources;
  const role = resources[functionLogicalId(template, name)].Properties.Role['Fn::GetAtt'][0];
  return policyStatements(template).filter((s) => resources[s.policy].Properties.Roles.some((r: { Ref: string }) => r.Ref === role));
}
