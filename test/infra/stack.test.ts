import { Match, type Template } from 'aws-cdk-lib/assertions';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../functions/catalog.js';
import { projectionOf, tableSchema } from '../../functions/store/table-schema.js';
import { CYCLE_ASL_PATH, cycleDefinition } from '../../infra/thidua-stack.js';
import { PROVINCE_CONTEXT, asArray, fnArn, functionLogicalId, policyStatements, synthesize, type Synthesized } from './synth.js';

describe('the Thi đua stack', () => {
  let synth: Synthesized;
  let template: Template;

  // Bundling is skipped here (test/infra/bundle.test.ts bundles one function; `npm run synth` all of them).
  beforeAll(() => {
    synth = synthesize(PROVINCE_CONTEXT, { bundle: false });
    template = synth.template;
  }, 120_000);

  it('passes the cdk-nag AwsSolutions checks with every acknowledgement explained', () => {
    expect(synth.error, String(synth.error)).toBeUndefined();
    const acknowledged = synth.stack.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === 'aws:cdk:acknowledged-rules'));
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const entry of acknowledged) {
      for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) expect(reason.length, id).toBeGreaterThan(80);
    }
  });

  it('has one table from the shared key schema and index projections: on demand, point-in-time recovery, deletion protection, TTL for links', () => {
    template.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [
          { AttributeName: tableSchema.partitionKey, KeyType: 'HASH' },
          { AttributeName: tableSchema.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: tableSchema.globalIndexes.map((index) =>
          Match.objectLike({
            IndexName: index.indexName,
            KeySchema: [
              { AttributeName: index.partitionKey, KeyType: 'HASH' },
              { AttributeName: index.sortKey, KeyType: 'RANGE' },
            ],
            Projection: projectionOf(index),
          }),
        ),
        TimeToLiveSpecification: { AttributeName: tableSchema.ttlAttribute, Enabled: true },
        Replicas: [Match.objectLike({ DeletionProtectionEnabled: true, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } })],
      }),
    });
  });

  it('keeps the secret ballot untimed: no stream on the table and no trail of its data events', () => {
    // A stream or data-event trail records each write with its time, which would join a voter's marker to the ballot written just before.
    const table = Object.values(template.findResources('AWS::DynamoDB::GlobalTable'))[0] as { Properties: Record<string, unknown> };
    expect(table.Properties).not.toHaveProperty('StreamSpecification');
    template.resourceCountIs('AWS::CloudTrail::Trail', 0);
    template.resourceCountIs('AWS::Lambda::EventSourceMapping', 0);
  });

  it('deploys every catalog function on Node.js 24, arm64, traced, sized as the catalog says, with the shared environment', () => {
    // And the provider of the data migrations' custom resource (infra/data-migration.ts).
    template.resourceCountIs('AWS::Lambda::Function', FUNCTIONS.length + 1);
    for (const spec of FUNCTIONS) {
      template.hasResourceProperties('AWS::Lambda::Function', {
        Description: spec.description,
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        MemorySize: spec.memoryMb,
        Timeout: spec.timeoutSeconds,
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogGroup: Match.anyValue() },
        Environment: {
          Variables: Match.objectLike({
            [tableSchema.tableNameEnv]: Match.anyValue(),
            MAIL_FROM: 'Thi đua <no-reply@thidua.example.gov.vn>',
            PUBLIC_URL: 'https://thidua.example.gov.vn',
            STATE_MACHINE_ARN: Match.anyValue(),
            ADMIN_EMAILS: 'ban-tdkt@example.gov.vn,it@example.gov.vn',
            POWERTOOLS_SERVICE_NAME: 'thidua',
            NODE_OPTIONS: '--enable-source-maps',
          }),
        },
      });
    }
  });

  it('keeps function logs for three months', () => {
    const logGroups = Object.values(template.findResources('AWS::Logs::LogGroup'));
    expect(logGroups.length).toBeGreaterThanOrEqual(FUNCTIONS.length);
    for (const group of logGroups) expect(group.Properties.RetentionInDays).toBe(90);
  });

  it('serves every catalog route through the HTTP API to its function', () => {
    const routes = FUNCTIONS.flatMap((spec) => (spec.routes ?? []).map((route) => ({ spec, route })));
    template.resourceCountIs('AWS::ApiGatewayV2::Route', routes.length);
    for (const { spec, route } of routes) {
      const [routeResource] = Object.values(template.findResources('AWS::ApiGatewayV2::Route', { Properties: { RouteKey: route } }));
      expect(routeResource, route).toBeDefined();
      const integrationId = (routeResource!.Properties.Target['Fn::Join'][1] as [string, { Ref: string }])[1].Ref;
      const integration = template.toJSON().Resources[integrationId];
      expect(integration.Properties.IntegrationUri).toEqual(fnArn(functionLogicalId(template, spec.name)));
    }
  });

  it('deploys the API on its $default stage with access logs and a throttle', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
      DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
    });
  });

  it('logs each request\'s route, status, latency and function error, from HTTP API variables only, and never the path that carries a link\'s id', () => {
    const [stage] = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'));
    const format = stage!.Properties.AccessLogSettings.Format as string;
    const fields = JSON.parse(format) as Record<string, string>;
    expect(Object.values(fields)).toEqual(expect.arrayContaining(['$context.routeKey', '$context.status', '$context.responseLatency', '$context.integrationErrorMessage']));
    // Variables of the HTTP API's access logs (docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html) that say nothing secret.
    const httpApiVariables = ['requestId', 'requestTime', 'identity.sourceIp', 'routeKey', 'status', 'responseLatency', 'responseLength', 'integration.status', 'integrationErrorMessage', 'error.message'];
    for (const value of Object.values(fields)) expect(httpApiVariables.map((v) => `$context.${v}`), value).toContain(value);
    expect(format).not.toMatch(/\$context\.(path|resourcePath)\b/);
  });

  it('defines the state machine from workflows/cycle.asl.json: Standard, logging ALL, traced', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineName: 'ThiDua-cycle',
      StateMachineType: 'STANDARD',
      DefinitionString: cycleDefinition(),
      LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: false, Destinations: [Match.anyValue()] },
      TracingConfiguration: { Enabled: true },
    });
  });

  it('substitutes every ${…} of the definition, each with its function, and uses every substitution', () => {
    const [machine] = Object.values(template.findResources('AWS::StepFunctions::StateMachine'));
    const placeholders = (definition: string) => new Set([...definition.matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]!));
    const used = placeholders(readFileSync(CYCLE_ASL_PATH, 'utf8'));
    expect(placeholders(machine!.Properties.DefinitionString as string)).toEqual(used);
    const substitutions = machine!.Properties.DefinitionSubstitutions as Record<string, unknown>;
    expect(new Set(Object.keys(substitutions))).toEqual(used);
    for (const spec of FUNCTIONS.filter((f) => f.aslKey)) {
      expect(substitutions[spec.aslKey!], spec.aslKey).toEqual(fnArn(functionLogicalId(template, spec.name)));
    }
  });

  it('lets the state machine invoke its own functions and nothing else', () => {
    const [roleId] = Object.keys(template.findResources('AWS::IAM::Role', { Properties: { AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'states.amazonaws.com' } })] } } }));
    // Besides the state machine, only the data migrations' provider may call a function: the migrating one (test/infra/data-migration.test.ts).
    const migrating = fnArn(functionLogicalId(template, 'migrate'));
    const invoke = policyStatements(template).filter((s) => asArray(s.Action).some((a) => a.startsWith('lambda:')) && !asArray(s.Resource).some((r) => JSON.stringify(r).includes(JSON.stringify(migrating))));
    expect(invoke).toHaveLength(1);
    expect(invoke[0]!.Action).toBe('lambda:InvokeFunction');
    expect(template.toJSON().Resources[invoke[0]!.policy].Properties.Roles).toEqual([{ Ref: roleId }]);
    const workflow = FUNCTIONS.filter((f) => f.aslKey).map((f) => fnArn(functionLogicalId(template, f.name)));
    expect(asArray(invoke[0]!.Resource)).toEqual(expect.arrayContaining(workflow));
    expect(asArray(invoke[0]!.Resource)).toHaveLength(workflow.length);
  });

  it('lets only the functions that answer, fail or start executions do so, each only what its catalog entry says, and only on the cycle state machine', () => {
    const resources = template.toJSON().Resources;
    // The ARN built from the state machine's fixed name (the functions' STATE_MACHINE_ARN), not a reference to it.
    const stateMachineArn = resources[functionLogicalId(template, 'sweep')].Properties.Environment.Variables.STATE_MACHINE_ARN;
    expect(JSON.stringify(stateMachineArn)).toMatch(/:states:ap-southeast-1:.*:stateMachine:ThiDua-cycle"\]\]\}$/);
    const rolesOf = (action: string) =>
      policyStatements(template)
        .filter((s) => asArray(s.Action).includes(action))
        .flatMap((s) => {
          expect(s.Resource).toEqual(stateMachineArn);
          return resources[s.policy].Properties.Roles.map((r: { Ref: string }) => r.Ref);
        });
    const roleOf = (name: string) => resources[functionLogicalId(template, name)].Properties.Role['Fn::GetAtt'][0];
    const rolesFlagged = (flag: 'completesWaits' | 'failsWaits' | 'startsExecutions') => new Set(FUNCTIONS.filter((f) => f[flag]).map((f) => roleOf(f.name)));
    expect(new Set(rolesOf('states:SendTaskSuccess'))).toEqual(rolesFlagged('completesWaits'));
    expect(new Set(rolesOf('states:SendTaskFailure'))).toEqual(rolesFlagged('failsWaits'));
    expect(new Set(rolesOf('states:StartExecution'))).toEqual(rolesFlagged('startsExecutions'));
    expect(rolesOf('states:SendTaskHeartbeat')).toEqual([]);
  });

  it('lets the cycle continue in a new execution before the one-year limit: the hand-over step may start the cycle state machine', () => {
    const resources = template.toJSON().Resources;
    const handOver = resources[functionLogicalId(template, 'hand-over')];
    const role = handOver.Properties.Role['Fn::GetAtt'][0];
    const starts = policyStatements(template).filter((s) => asArray(s.Action).includes('states:StartExecution') && resources[s.policy].Properties.Roles.some((r: { Ref: string }) => r.Ref === role));
    expect(starts).toHaveLength(1);
    expect(starts[0]!.Resource).toEqual(handOver.Properties.Environment.Variables.STATE_MACHINE_ARN);
    expect(readFileSync(CYCLE_ASL_PATH, 'utf8')).toContain('${HandOverFunction}');
  });

  it('grants no wildcard action, and "*" only for X-Ray, log delivery and SES\'s send quota, which have no resource-level permissions, for the files bucket\'s objects under a prefix and for the migrating function\'s versions', () => {
    const statements = policyStatements(template);
    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements) {
      for (const action of asArray(statement.Action)) expect(action, statement.policy).not.toContain('*');
      const resources = asArray(statement.Resource);
      if (resources.includes('*')) {
        expect(resources, statement.policy).toEqual(['*']);
        for (const action of asArray(statement.Action)) expect(action, statement.policy).toMatch(/^xray:|^logs:(\w+LogDeliver(y|ies)|PutResourcePolicy|DescribeResourcePolicies|DescribeLogGroups)$|^ses:GetSendQuota$/);
      } else {
        // The files bucket's objects under a prefix: their keys are made from random ids (infra/files-bucket.ts);
        // the versions of the migrating function, which the data migrations' provider may invoke.
        const migrating = `"${functionLogicalId(template, 'migrate')}","Arn"]},":*"`;
        expect(JSON.stringify(resources).replace(/\/(uploads|files)\/\*"/g, '"').replace(migrating, ''), statement.policy).not.toContain('*');
      }
    }
  });

  it('sends mail as the sender of the context, through a configuration set that suppresses bounces', () => {
    template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'thidua.example.gov.vn', ConfigurationSetAttributes: { ConfigurationSetName: Match.anyValue() } });
    template.hasResourceProperties('AWS::SES::ConfigurationSet', { SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] } });
    const sends = policyStatements(template).filter((s) => asArray(s.Action).includes('ses:SendRawEmail'));
    expect(sends).toHaveLength(FUNCTIONS.filter((f) => f.sendsMail).length);
    expect(JSON.stringify(sends[0]!.Resource)).toContain(':identity/');
  });

  it("sends SES's Send events to the function that records them, and lets it send nothing", () => {
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: Match.objectLike({ MatchingEventTypes: ['send'], EventBridgeDestination: { EventBusArn: Match.anyValue() } }),
    });
    for (const spec of FUNCTIONS.filter((f) => f.mailEvents)) {
      template.hasResourceProperties('AWS::Events::Rule', {
        EventPattern: { source: ['aws.ses'], 'detail-type': ['Email Sent'] },
        Targets: [Match.objectLike({ Arn: fnArn(functionLogicalId(template, spec.name)) })],
      });
    }
  });

  it('runs the sweep on its schedule', () => {
    for (const spec of FUNCTIONS.filter((f) => f.schedule)) {
      template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: spec.schedule, Targets: [Match.objectLike({ Arn: fnArn(functionLogicalId(template, spec.name)) })] });
    }
  });

  it('outputs the API URL, the public URL, the mail sender, the DKIM records to publish, the function that migrates data and the backup vault', () => {
    template.hasOutput('ApiUrl', { Value: Match.anyValue() });
    template.hasOutput('PublicUrl', { Value: 'https://thidua.example.gov.vn' });
    template.hasOutput('MailSender', { Value: 'Thi đua <no-reply@thidua.example.gov.vn>' });
    for (const i of [1, 2, 3]) template.hasOutput(`DkimRecord${i}`, { Value: Match.anyValue() });
    template.hasOutput('MigrationFunctionName', { Value: { Ref: functionLogicalId(template, 'migrate') } });
    // The restore runbook lists the backups of this vault.
    const [vaultId] = Object.keys(template.findResources('AWS::Backup::BackupVault'));
    template.hasOutput('BackupVaultName', { Value: { 'Fn::GetAtt': [vaultId, 'BackupVaultName'] } });
  });
});

describe('cdk-nag on the app', () => {
  it('fails synth on a finding nobody acknowledged', () => {
    const { error } = synthesize(PROVINCE_CONTEXT, {
      bundle: false,
      alter: (stack) => stack.functions[0]!.allow(new PolicyStatement({ actions: ['dynamodb:*'], resources: [stack.table.tableArn] })),
    });
    expect(String(error)).toContain("AwsSolutions-IAM5[Action::dynamodb:*]");
  });
});
