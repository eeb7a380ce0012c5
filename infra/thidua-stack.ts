/**
 * Thi đua on AWS, as the architecture reads: one DynamoDB table; the dossier files' bucket; the catalog's Lambda functions; one HTTP
 * API for the pages units, approvers and admins open; the cycle state machine from workflows/; SES for
 * mail and its Send events; the sweep's schedule; alarms; outputs.
 *
 * The state machine invokes functions, and some functions answer its waits or start its executions, so
 * each would reference the other. The cycle breaks at the state machine's name: it is fixed, and the
 * functions' environment and grants use the ARN built from it, not the resource.
 */
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, ArnFormat } from 'aws-cdk-lib';
import { CfnStage, HttpApi, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { AttributeType, Billing, ProjectionType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus, Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CloudWatchDimensionSource, ConfigurationSet, EmailIdentity, EmailSendingEvent, EventDestination, Identity, SuppressionReasons } from 'aws-cdk-lib/aws-ses';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FUNCTIONS, aslSubstitutions, type FunctionSpec } from '../functions/catalog.js';
import { tableSchema } from '../functions/store/table-schema.js';
import { Alarms } from './alarms.js';
import { DataMigration } from './data-migration.js';
import { FilesBucket } from './files-bucket.js';
import { Operations } from './operations.js';
import { mailFrom, type DeployContext } from './context.js';
import { parseRoute } from './routes.js';
import { REPO_ROOT, ThiDuaFunction } from './thidua-function.js';

/** The state machine definition: the same file the local runtime runs. */
export const CYCLE_ASL_PATH = join(REPO_ROOT, 'workflows/cycle.asl.json');

/**
 * The routes anyone reaches without a session, where ids and codes can be guessed (emailed links and their
 * documents and files, sign-in, the ballot's receipt check): every catalog route but the admin console's
 * and the JSON API's, each throttled on its own.
 */
export const PUBLIC_LINK_ROUTES = FUNCTIONS.flatMap((spec) => spec.routes ?? []).filter((route) => !/^\S+ \/(admin|api)(\/|$)/.test(route));
/** Requests per second (and burst) for each of them: a province's units at a deadline are far below it. */
export const PUBLIC_LINK_THROTTLE = { rateLimit: 20, burstLimit: 40 } as const;
/** What a catalog flag lets a function do with the cycle state machine (nobody sends heartbeats). */
const STATE_MACHINE_ACTIONS = [
  ['completesWaits', 'states:SendTaskSuccess'],
  ['failsWaits', 'states:SendTaskFailure'],
  ['startsExecutions', 'states:StartExecution'],
] as const satisfies readonly (readonly [keyof FunctionSpec, string])[];

/**
 * One JSON line per request in the API's access log, of HTTP API variables only (the REST API's, such as
 * `resourcePath`, log nothing here): the route as declared (`GET /l/{id}`), never the path, which carries
 * the emailed link's id (the credential); the status, the latency, and why the function failed when it did.
 */
export const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  time: '$context.requestTime',
  ip: '$context.identity.sourceIp',
  route: '$context.routeKey',
  status: '$context.status',
  latencyMs: '$context.responseLatency',
  responseLength: '$context.responseLength',
  integrationStatus: '$context.integration.status',
  integrationError: '$context.integrationErrorMessage',
  error: '$context.error.message',
} as const;

/** The ASL file without its indentation (half the size in the template); placeholders intact. */
export function cycleDefinition(): string {
  return JSON.stringify(JSON.parse(readFileSync(CYCLE_ASL_PATH, 'utf8')));
}

export interface ThiDuaStackProps extends StackProps {
  context: DeployContext;
}

/** "open-phase" → "OpenPhase". */
const pascal = (name: string) => name.replace(/(^|-)([a-z0-9])/g, (_m, _dash, c: string) => c.toUpperCase());

export class ThiDuaStack extends Stack {
  readonly table: TableV2;
  readonly files: FilesBucket;
  readonly functions: readonly ThiDuaFunction[];
  readonly api: HttpApi;
  readonly stateMachine: StateMachine;
  readonly alarms: Alarms;
  readonly operations: Operations;
  readonly migration: DataMigration;

  constructor(scope: Construct, id: string, props: ThiDuaStackProps) {
    super(scope, id, props);
    const { context } = props;

    // Data: one table, keys from the shared schema (functions/store/table-schema.ts).
    this.table = new TableV2(this, 'Table', {
      partitionKey: { name: tableSchema.partitionKey, type: AttributeType.STRING },
      sortKey: { name: tableSchema.sortKey, type: AttributeType.STRING },
      globalSecondaryIndexes: tableSchema.globalIndexes.map((index) => ({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        ...('projected' in index ? { projectionType: ProjectionType.INCLUDE, nonKeyAttributes: [...index.projected] } : {}),
      })),
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      timeToLiveAttribute: tableSchema.ttlAttribute,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Mail: the sender identity and a configuration set that suppresses bounced addresses and
    // publishes bounces and rejects to CloudWatch. Sending uses the identity's default configuration set.
    const configurationSet = new ConfigurationSet(this, 'MailConfiguration', {
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      reputationMetrics: true,
    });
    configurationSet.addEventDestination('ToCloudWatch', {
      destination: EventDestination.cloudWatchDimensions([
        { name: 'ses:configuration-set', source: CloudWatchDimensionSource.MESSAGE_TAG, defaultValue: 'thidua' },
      ]),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.REJECT, EmailSendingEvent.COMPLAINT, EmailSendingEvent.RENDERING_FAILURE],
    });
    // Send events to the default bus (the only one SES publishes to): the mail-events function records
    // each tagged message as sent, so a sender that died after SES accepted a message does not resend it.
    configurationSet.addEventDestination('ToEventBridge', {
      destination: EventDestination.eventBus(EventBus.fromEventBusName(this, 'DefaultBus', 'default')),
      events: [EmailSendingEvent.SEND],
    });
    const senderIsAddress = context.sender.includes('@');
    const identity = new EmailIdentity(this, 'MailIdentity', {
      identity: senderIsAddress ? Identity.email(context.sender) : Identity.domain(context.sender),
      configurationSet,
    });

    // Dead letters of EventBridge, backups beyond point-in-time recovery, the monthly budget.
    this.operations = new Operations(this, 'Operations', {
      table: this.table,
      emails: context.alarmEmails ?? context.adminEmails,
      monthlyBudgetUsd: context.monthlyBudgetUsd,
    });

    // The HTTP API, with access logs, a stage-wide throttle and a tighter one on the routes anyone can
    // reach with a guessed link, so that guessing cannot use up the stage's share of the others.
    this.api = new HttpApi(this, 'Api', { apiName: `${this.stackName}-api`, description: 'Thi đua: link pages, admin console, JSON API', createDefaultStage: false });
    const accessLogs = new LogGroup(this, 'ApiAccessLogs', { retention: RetentionDays.THREE_MONTHS, removalPolicy: RemovalPolicy.RETAIN });
    const stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs), format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)) },
      throttle: { rateLimit: 100, burstLimit: 200 },
    });
    // RouteSettings is free-form JSON to the L1 construct: its keys are written as CloudFormation spells them.
    (stage.node.defaultChild as CfnStage).routeSettings = Object.fromEntries(
      PUBLIC_LINK_ROUTES.map((route) => [route, { ThrottlingRateLimit: PUBLIC_LINK_THROTTLE.rateLimit, ThrottlingBurstLimit: PUBLIC_LINK_THROTTLE.burstLimit }]),
    );
    const publicUrl = context.publicUrl ?? this.api.apiEndpoint;

    // Files: the dossier's uploads and scans; browsers upload to it from the public URL's origin.
    this.files = new FilesBucket(this, 'Files', { publicOrigin: context.publicUrl ? new URL(context.publicUrl).origin : this.api.apiEndpoint });

    // The functions, one per catalog entry, with the same environment and data permissions.
    const stateMachineName = `${this.stackName}-cycle`;
    const stateMachineArn = this.formatArn({ service: 'states', resource: 'stateMachine', resourceName: stateMachineName, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    const environment = {
      [tableSchema.tableNameEnv]: this.table.tableName,
      MAIL_FROM: mailFrom(context),
      PUBLIC_URL: publicUrl,
      STATE_MACHINE_ARN: stateMachineArn,
      ADMIN_EMAILS: context.adminEmails.join(','),
      FILES_BUCKET: this.files.bucket.bucketName,
    };
    const tableResources = [this.table.tableArn, ...tableSchema.globalIndexes.map((index) => `${this.table.tableArn}/index/${index.indexName}`)];
    const sendingResources = [
      this.formatArn({ service: 'ses', resource: 'identity', resourceName: identity.emailIdentityName }),
      this.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: configurationSet.configurationSetName }),
      // In the SES sandbox, SES also authorizes the send against each (verified) recipient identity.
      ...(context.sandboxRecipients ?? []).map((address) => this.formatArn({ service: 'ses', resource: 'identity', resourceName: address })),
    ];
    const functionsScope = new Construct(this, 'Functions');
    this.functions = FUNCTIONS.map((spec) => {
      const fn = new ThiDuaFunction(functionsScope, pascal(spec.name), { spec, environment });
      // The catalog's actions on the table; the indexes only to those that query. The data migrations' grants are theirs (infra/data-migration.ts).
      if (spec.table) fn.allow(new PolicyStatement({ actions: spec.table.map((action) => `dynamodb:${action}`), resources: spec.table.includes('Query') ? tableResources : [this.table.tableArn] }));
      if (spec.sendsMail) fn.allow(new PolicyStatement({ actions: ['ses:SendRawEmail'], resources: sendingResources }));
      // The drainer reads the account's MaxSendRate; GetSendQuota has no resource to name.
      if (spec.readsSendQuota) fn.allow(new PolicyStatement({ actions: ['ses:GetSendQuota'], resources: ['*'] }));
      const cycleActions = STATE_MACHINE_ACTIONS.filter(([flag]) => spec[flag]).map(([, action]) => action);
      if (cycleActions.length > 0) fn.allow(new PolicyStatement({ actions: cycleActions, resources: [stateMachineArn] }));
      if (spec.files) this.files.grant(fn, spec.files);
      return fn;
    });

    // The data migrations, after every deploy, once the table and every function are in place.
    const migrating = this.functions.find((fn) => fn.spec.afterDeploy)!;
    this.migration = new DataMigration(this, 'DataMigration', { fn: migrating, table: this.table, after: this.functions.filter((fn) => fn !== migrating) });

    // Routes: each catalog route to its function.
    for (const fn of this.functions) {
      if (!fn.spec.routes?.length) continue;
      const integration = new HttpLambdaIntegration(`${fn.node.id}Integration`, fn.function);
      for (const route of fn.spec.routes.map((r) => parseRoute(r, fn.spec.name))) {
        const added = this.api.addRoutes({ path: route.path, methods: [route.method], integration });
        // A stage's route settings name routes that must exist before the stage is updated.
        if (PUBLIC_LINK_ROUTES.includes(`${route.method} ${route.path}`)) added.forEach((r) => stage.node.addDependency(r));
      }
    }

    // The cycle: the ASL file with the functions' ARNs substituted; it may invoke exactly those functions.
    const byName = new Map(this.functions.map((fn) => [fn.spec.name, fn]));
    const workflowFunctions = this.functions.filter((fn) => fn.spec.aslKey);
    this.stateMachine = new StateMachine(this, 'CycleStateMachine', {
      stateMachineName,
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromString(cycleDefinition()),
      definitionSubstitutions: aslSubstitutions((spec) => byName.get(spec.name)!.function.functionArn),
      // Every event, without state data: inputs and outputs stay in the execution history only.
      logs: {
        destination: new LogGroup(this, 'CycleStateMachineLogs', { retention: RetentionDays.THREE_MONTHS, removalPolicy: RemovalPolicy.RETAIN }),
        level: LogLevel.ALL,
        includeExecutionData: false,
      },
      tracingEnabled: true,
    });
    this.stateMachine.addToRolePolicy(new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: workflowFunctions.map((fn) => fn.function.functionArn) }));

    // EventBridge invokes asynchronously: its dead-letter queue holds only the events it could not hand to
    // Lambda. What Lambda took and the function then failed on is Lambda's to retry, configured here.
    // Schedules: the sweep (reminders, overdue waits) and the outbox's drainer (every email, paced). A
    // failed tick is not retried: the next tick is its retry, and a retry beside it would overlap it (the
    // drainer, reserved to one instance, would be throttled).
    const rules: Rule[] = [];
    for (const fn of this.functions.filter((f) => f.spec.schedule)) {
      fn.function.configureAsyncInvoke({ retryAttempts: 0 });
      rules.push(new Rule(this, `${fn.node.id}Schedule`, {
        description: `Runs ${fn.spec.name}: ${fn.spec.schedule}`,
        schedule: Schedule.expression(fn.spec.schedule!),
        targets: [new LambdaFunction(fn.function, { retryAttempts: 2, deadLetterQueue: this.operations.deadLetters })],
      }));
    }

    // SES's Send events: the outbox learns which messages SES accepted. An event the function failed on
    // after Lambda's retries is kept in the dead-letter queue with the events EventBridge could not deliver.
    for (const fn of this.functions.filter((f) => f.spec.mailEvents)) {
      fn.function.configureAsyncInvoke({ retryAttempts: 2, onFailure: new SqsDestination(this.operations.deadLetters) });
      rules.push(new Rule(this, `${fn.node.id}Rule`, {
        description: `Sends SES's Send events to ${fn.spec.name}`,
        eventPattern: { source: ['aws.ses'], detailType: ['Email Sent'] },
        targets: [new LambdaFunction(fn.function, { retryAttempts: 8, maxEventAge: Duration.hours(2), deadLetterQueue: this.operations.deadLetters })],
      }));
    }

    this.alarms = new Alarms(this, 'Alarms', {
      stateMachine: this.stateMachine,
      functions: this.functions,
      configurationSetName: configurationSet.configurationSetName,
      table: this.table,
      api: this.api,
      eventRules: rules,
      deadLetters: this.operations.deadLetters,
      emails: context.alarmEmails ?? context.adminEmails,
    });

    new CfnOutput(this, 'ApiUrl', { description: 'The HTTP API (point the public URL here)', value: this.api.apiEndpoint });
    new CfnOutput(this, 'PublicUrl', { description: 'Where emailed links lead', value: publicUrl });
    new CfnOutput(this, 'MailSender', { description: 'The From header of every email', value: mailFrom(context) });
    new CfnOutput(this, 'MailIdentityName', { description: 'The SES identity to verify', value: identity.emailIdentityName });
    if (!senderIsAddress) {
      identity.dkimRecords.forEach((record, i) =>
        new CfnOutput(this, `DkimRecord${i + 1}`, { description: 'A DKIM CNAME record for the sender domain', value: `${record.name} CNAME ${record.value}` }));
    }
    new CfnOutput(this, 'StateMachineArn', { value: this.stateMachine.stateMachineArn });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'FilesBucketName', { value: this.files.bucket.bucketName });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topic.topicArn });
    new CfnOutput(this, 'BackupVaultName', { description: 'The AWS Backup vault of the table\'s daily and monthly backups (docs/deploy.md, restoring)', value: this.operations.backupVault.backupVaultName });
    new CfnOutput(this, 'MigrationFunctionName', { description: 'Runs the data migrations after each deploy; invoke it to run them again (docs/deploy.md)', value: migrating.function.functionName });
  }
}
