/**
 * One Lambda function of the catalog, with the defaults every Thi đua function shares:
 * - Node.js 24 on arm64 (Graviton: about 20% cheaper per GB-second than x86);
 * - bundled by the locally installed esbuild (never Docker) into one minified ESM file with a source map,
 *   without the AWS SDK (see {@link FUNCTION_BUNDLING}); the mail and page templates are copied next to the bundle,
 *   where the renderers look for them (`./templates`);
 * - the Powertools environment (service name, log level) and `--enable-source-maps` for readable stacks;
 * - its own log group with a fixed retention, and a role that may write only to that log group
 *   (instead of the AWS managed AWSLambdaBasicExecutionRole, which may write to every log group);
 * - X-Ray active tracing;
 * - a metric filter counting outbox send failures in its logs (see {@link OUTBOX_FAILURE_LOG_MESSAGE}).
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import { FilterPattern, LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FunctionSpec } from '../functions/catalog.js';

/** The repository root: catalog entries are relative to it. */
export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** How long function logs are kept. The audit trail lives in DynamoDB; logs are for operations. */
export const FUNCTION_LOG_RETENTION = RetentionDays.THREE_MONTHS;

/** The metric the outbox failure alarm watches, counted from function logs. */
export const OUTBOX_FAILURE_METRIC = { namespace: 'ThiDua', metricName: 'OutboxSendFailures' } as const;
/**
 * The Powertools log `message` of a failed SES send recorded in the outbox. The mailer logs it
 * (`logger.warn(OUTBOX_FAILURE_LOG_MESSAGE, { status, attempts, error })`); each such line counts once.
 */
export { OUTBOX_FAILURE_LOG_MESSAGE } from '../functions/mail/mailer.js';
import { OUTBOX_FAILURE_LOG_MESSAGE } from '../functions/mail/mailer.js';

/**
 * Folders the handlers read at run time, each through `new URL('./templates', import.meta.url)` from its
 * own module. In a bundle every module's `import.meta.url` is the bundle's, so all of them resolve to
 * `<bundle>/templates`: their contents are merged there, and a file that two folders both hold fails synth.
 */
export const RUNTIME_TEMPLATE_DIRS = ['functions/mail/templates', 'functions/web/templates'];

/** Throws if two template folders (relative to `root`) hold the same relative path. */
export function assertTemplatesMerge(dirs: readonly string[] = RUNTIME_TEMPLATE_DIRS, root = REPO_ROOT): void {
  const owner = new Map<string, string>();
  for (const dir of dirs) {
    for (const file of readdirSync(join(root, dir), { recursive: true, withFileTypes: true })) {
      if (!file.isFile()) continue;
      const path = relative(join(root, dir), join(file.parentPath, file.name));
      const other = owner.get(path);
      if (other) throw new Error(`templates/${path} is in both ${other} and ${dir}: in a bundle they would be one file; rename one`);
      owner.set(path, dir);
    }
  }
}

/**
 * esbuild, locally: an ESM bundle that can still load the CommonJS dependencies (nunjucks, exceljs).
 *
 * The AWS SDK v3 is left to the nodejs24.x runtime, which ships it (`bundleAwsSDK: false`: `@aws-sdk/*`
 * and, with the `sdkV3ExcludeSmithyPackages` flag of cdk.json, `@smithy/*` are external), as AWS and CDK
 * recommend: about 390 KB less in every bundle. The trade-offs: the deployed code runs the runtime's SDK
 * version, which AWS updates, not the one in package-lock.json that the tests ran (the commands we use —
 * DynamoDB, SES, Step Functions — are stable across v3 minor versions); and the runtime's SDK is its
 * unminified `dist-cjs`, which took about 20 ms longer to import than the same clients bundled and minified
 * (BENCHMARKS.md). Powertools is not in the runtime and stays bundled.
 *
 * S3 is the exception: the presigners (`@aws-sdk/s3-presigned-post`, `@aws-sdk/s3-request-presigner`) are
 * not promised by the runtime, and a presigner of one SDK version driving the runtime's S3 client of
 * another is a known source of trouble (aws-lambda-base-images#115). So the external modules are named one
 * by one, and the S3 client is bundled with its presigners and the @smithy parts they need, into the three
 * functions that handle dossier files only.
 */
export const RUNTIME_SDK_MODULES = ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb', '@aws-sdk/client-ses', '@aws-sdk/client-sfn'];

export const FUNCTION_BUNDLING = {
  format: OutputFormat.ESM,
  target: 'node24',
  mainFields: ['module', 'main'],
  banner: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  minify: true,
  sourceMap: true,
  sourceMapMode: SourceMapMode.DEFAULT,
  sourcesContent: false,
  bundleAwsSDK: false,
  externalModules: RUNTIME_SDK_MODULES,
  forceDockerBundling: false,
  commandHooks: {
    beforeBundling: () => [],
    beforeInstall: () => [],
    // Node instead of `mkdir -p` and `cp -R`, which a Windows shell does not have.
    afterBundling: (inputDir: string, outputDir: string) => [
      [process.execPath, join(inputDir, 'infra/copy-templates.mjs'), outputDir, ...RUNTIME_TEMPLATE_DIRS.map((dir) => join(inputDir, dir))].map((arg) => `"${arg}"`).join(' '),
    ],
  },
};

export interface ThiDuaFunctionProps {
  spec: FunctionSpec;
  /** Environment shared by every function (table, sender, public URL…). */
  environment: Record<string, string>;
}

let templatesChecked = false;

/** A catalog function with the shared defaults: the function, its log group and its role. */
export class ThiDuaFunction extends Construct {
  readonly spec: FunctionSpec;
  readonly function: NodejsFunction;
  readonly logGroup: LogGroup;
  readonly role: Role;

  constructor(scope: Construct, id: string, { spec, environment }: ThiDuaFunctionProps) {
    super(scope, id);
    if (!templatesChecked) assertTemplatesMerge();
    templatesChecked = true;
    const entry = join(REPO_ROOT, spec.entry);
    if (!existsSync(entry)) throw new Error(`catalog function "${spec.name}": its handler ${spec.entry} does not exist`);
    this.spec = spec;
    this.logGroup = new LogGroup(this, 'Logs', { retention: FUNCTION_LOG_RETENTION, removalPolicy: RemovalPolicy.RETAIN });
    this.role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com'), description: `Thi dua function ${spec.name}` });
    this.role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [this.logGroup.logGroupArn] }),
    );
    this.function = new NodejsFunction(this, 'Function', {
      entry,
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
      description: spec.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: spec.memoryMb,
      timeout: Duration.seconds(spec.timeoutSeconds),
      ...(spec.reservedConcurrency ? { reservedConcurrentExecutions: spec.reservedConcurrency } : {}),
      tracing: Tracing.ACTIVE,
      logGroup: this.logGroup,
      role: this.role,
      bundling: FUNCTION_BUNDLING,
      environment: {
        POWERTOOLS_SERVICE_NAME: 'thidua',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        NODE_OPTIONS: '--enable-source-maps',
        ...environment,
      },
    });
    this.logGroup.addMetricFilter('OutboxSendFailures', {
      metricNamespace: OUTBOX_FAILURE_METRIC.namespace,
      metricName: OUTBOX_FAILURE_METRIC.metricName,
      filterPattern: FilterPattern.stringValue('$.message', '=', OUTBOX_FAILURE_LOG_MESSAGE),
      metricValue: '1',
    });
  }

  /** Grants the function's role one more permission. */
  allow(statement: PolicyStatement): void {
    this.role.addToPrincipalPolicy(statement);
  }
}
