/**
 * The data migrations on AWS (functions/cycle/migrate.ts): a custom resource, after the table and every
 * function of the deploy are in place, whose provider (aws-cdk-lib/custom-resources) invokes the catalog's
 * `afterDeploy` function and waits for its answer, so a migration that fails fails the deploy (which rolls
 * back). The resource carries a digest of what the release ships (`Release`: the functions' and the
 * workflow's sources and the lockfile), so every deploy that ships code updates it and runs the migrations;
 * those already recorded cost one read. Deleting the stack migrates nothing, nor does rolling back a failed
 * deploy: the function carries the same digest (`RELEASE`) and migrates only when the resource names it.
 *
 * Least privilege: the migrating function may read and update the table and query gsi1, nothing else (no
 * mail, no Step Functions, no files); the provider's function may write its own log group (kept as long as
 * the functions') and invoke that one function, instead of the AWS managed AWSLambdaBasicExecutionRole.
 */
import { CustomResource, Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Provider } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { FUNCTION_LOG_RETENTION, REPO_ROOT, type ThiDuaFunction } from './thidua-function.js';

/** What the migrations do with the table: read items (alone and together), query, put and update; no delete. */
export const MIGRATION_TABLE_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem'];
/** The one index they query (the cycles of a year, the blocs, a cycle's tasks). */
export const MIGRATION_INDEX = 'gsi1';

/** What a release ships, as the deploy bundles it: the files it reads to build the functions and the state machine. */
const RELEASE_SOURCES = ['functions', 'workflows', 'package-lock.json'];

/** A digest of the release's sources: changes with any change of code, templates, workflow or dependencies (the same on every OS). */
export function releaseDigest(root: string = REPO_ROOT): string {
  const files = RELEASE_SOURCES.flatMap((source) =>
    statSync(join(root, source)).isDirectory()
      ? readdirSync(join(root, source), { recursive: true, withFileTypes: true }).filter((f) => f.isFile()).map((f) => relative(root, join(f.parentPath, f.name)).split(sep).join('/'))
      : [source],
  );
  const hash = createHash('sha256');
  for (const file of files.sort()) hash.update(`${file}\0`).update(readFileSync(join(root, file))).update('\0');
  return hash.digest('hex').slice(0, 20);
}

export interface DataMigrationProps {
  /** The catalog's `afterDeploy` function. */
  fn: ThiDuaFunction;
  table: TableV2;
  /** What must be in place before it runs: every function of the deploy (the migrated data is theirs). */
  after: readonly Construct[];
}

/** The custom resource that runs the data migrations after every deploy, its provider, and the grants of both. */
export class DataMigration extends Construct {
  /** The catalog's function that migrates (the provider invokes it). */
  readonly migratingFunction: NodejsFunction;
  readonly provider: Provider;
  readonly providerRole: Role;
  readonly resource: CustomResource;

  constructor(scope: Construct, id: string, { fn, table, after }: DataMigrationProps) {
    super(scope, id);
    const release = releaseDigest();
    this.migratingFunction = fn.function;
    // The function knows its release: a rollback names the previous one, and the function does not migrate then.
    fn.function.addEnvironment('RELEASE', release);
    fn.allow(new PolicyStatement({ actions: MIGRATION_TABLE_ACTIONS, resources: [table.tableArn, `${table.tableArn}/index/${MIGRATION_INDEX}`] }));
    const logGroup = new LogGroup(this, 'ProviderLogs', { retention: FUNCTION_LOG_RETENTION, removalPolicy: RemovalPolicy.RETAIN });
    this.providerRole = new Role(this, 'ProviderRole', { assumedBy: new ServicePrincipal('lambda.amazonaws.com'), description: `Thi dua: runs ${fn.spec.name} after each deploy` });
    this.providerRole.addToPrincipalPolicy(new PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] }));
    // The provider grants itself the invocation of the function (and of its versions, `:*`) and lambda:GetFunction on it.
    this.provider = new Provider(this, 'Provider', { onEventHandler: fn.function, frameworkOnEventRole: this.providerRole, logGroup });
    this.resource = new CustomResource(this, 'Run', {
      serviceToken: this.provider.serviceToken,
      resourceType: 'Custom::ThiDuaDataMigrations',
      properties: { Release: release },
      // CloudFormation waits for the answer at most this long (an hour by default): the function's timeout and a margin.
      serviceTimeout: Duration.seconds(fn.spec.timeoutSeconds + 120),
    });
    this.resource.node.addDependency(table, ...after);
  }
}
