/**
 * Builds the Thi đua stack into an app from its context, with the cdk-nag AwsSolutions checks on it.
 * The CDK app (infra/app.ts) and the infra tests build it the same way.
 */
import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { EXAMPLE_CONTEXT, parseDeployContext } from './context.js';
import { acknowledgeFindings } from './nag.js';
import { ThiDuaStack } from './thidua-stack.js';

/** The stack's name: also the prefix of the state machine's and the API's names. */
export const STACK_NAME = 'ThiDua';

/** Adds the stack, configured from the app's context, and the checks every synth runs. */
export function buildThiDua(app: App): ThiDuaStack {
  const { context, defaulted } = parseDeployContext((key) => app.node.tryGetContext(key));
  const stack = new ThiDuaStack(app, STACK_NAME, {
    context,
    description: 'Thi đua: the yearly emulation-and-commendation cycle of emulation blocs',
    // The account is the CLI's (none offline: the template is then account-agnostic); the region is ours.
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: context.region },
  });
  for (const key of defaulted) {
    Validations.of(stack).addWarning(`thidua:context:${key}`, `context "${key}" is not set: synthesized with the example "${EXAMPLE_CONTEXT[key]}"; set it before deploying (docs/deploy.md)`);
  }
  acknowledgeFindings(stack);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return stack;
}
