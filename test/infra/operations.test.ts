/**
 * The stack's operations (issue 20): alarms and what they watch, the dead-letter queue and who fills it,
 * the throttles of the routes reached without a session, backups and the budget.
 */
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../functions/catalog.js';
import { SCHEDULE_SILENCE_MINUTES } from '../../infra/alarms.js';
import { BACKUP_RETENTION } from '../../infra/operations.js';
import { PUBLIC_LINK_ROUTES, PUBLIC_LINK_THROTTLE } from '../../infra/thidua-stack.js';
import { PROVINCE_CONTEXT, asArray, functionLogicalId, policyStatements, synthesize } from './synth.js';

describe('the Thi đua stack\'s operations', () => {
  let template: Template;

  beforeAll(() => {
    template = synthesize(PROVINCE_CONTEXT, { bundle: false }).template;
  }, 120_000);
  it('alarms on failed executions, each function\'s errors and throttles, and outbox failures, to the admins by email', () => {
    const [topicId] = Object.keys(template.findResources('AWS::SNS::Topic'));
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
    for (const alarm of alarms) expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
    const metricsOf = (alarm: (typeof alarms)[number]): string[] =>
      alarm.Properties.MetricName ? [alarm.Properties.MetricName] : alarm.Properties.Metrics.flatMap((m: { MetricStat?: { Metric: { MetricName: string } } }) => (m.MetricStat ? [m.MetricStat.Metric.MetricName] : []));
    const watched = alarms.flatMap(metricsOf);
    expect(watched).toEqual(expect.arrayContaining(['ExecutionsFailed', 'ExecutionsTimedOut', 'OutboxSendFailures', 'Bounce', 'Reject', 'Complaint']));
    expect(watched.filter((m) => m === 'Errors')).toHaveLength(FUNCTIONS.length);
    expect(watched.filter((m) => m === 'Throttles')).toHaveLength(FUNCTIONS.length);
    for (const email of ['ban-tdkt@example.gov.vn', 'it@example.gov.vn']) {
      template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: email, TopicArn: { Ref: topicId } });
    }
  });

  it('alarms on DynamoDB throttling, API 5xx, SES reputation and events EventBridge could not deliver', () => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
    const metricsOf = (alarm: (typeof alarms)[number]): string[] =>
      alarm.Properties.MetricName ? [alarm.Properties.MetricName] : alarm.Properties.Metrics.flatMap((m: { MetricStat?: { Metric: { MetricName: string } } }) => (m.MetricStat ? [m.MetricStat.Metric.MetricName] : []));
    const watched = alarms.flatMap(metricsOf);
    expect(watched).toEqual(expect.arrayContaining(['ThrottledRequests', '5xx', 'Reputation.BounceRate', 'Reputation.ComplaintRate', 'ApproximateNumberOfMessagesVisible']));
    expect(watched.filter((m) => m === 'FailedInvocations')).toHaveLength(Object.keys(template.findResources('AWS::Events::Rule')).length);
  });

  it('alarms on one kind of failure even when the others of its sum did not happen: each metric of a sum is filled with 0', () => {
    const sums = Object.values(template.findResources('AWS::CloudWatch::Alarm')).filter((alarm) => alarm.Properties.Metrics);
    expect(sums.length).toBeGreaterThanOrEqual(3);
    for (const alarm of sums) {
      const metrics = alarm.Properties.Metrics as { Id: string; Expression?: string; MetricStat?: unknown }[];
      const [expression] = metrics.filter((m) => m.Expression).map((m) => m.Expression!);
      const ids = metrics.filter((m) => m.MetricStat).map((m) => m.Id);
      expect(expression, alarm.Properties.AlarmDescription).toBe(ids.map((id) => `FILL(${id}, 0)`).join(' + '));
    }
  });

  it('alarms on the throttling of every operation the functions may send to the table', () => {
    const [alarm] = Object.values(template.findResources('AWS::CloudWatch::Alarm')).filter((a) => JSON.stringify(a.Properties.Metrics ?? []).includes('ThrottledRequests'));
    const watched = new Set((alarm!.Properties.Metrics as { MetricStat?: { Metric: { Dimensions: { Name: string; Value: unknown }[] } } }[])
      .flatMap((m) => m.MetricStat?.Metric.Dimensions.filter((d) => d.Name === 'Operation').map((d) => d.Value) ?? []));
    // A transaction's parts are authorized as ConditionCheck, Put, Update and Delete and throttled as one TransactWriteItems.
    const operationOf = (action: string) => (action === 'dynamodb:ConditionCheckItem' ? 'TransactWriteItems' : action.replace('dynamodb:', ''));
    const granted = new Set(policyStatements(template).flatMap((s) => asArray(s.Action)).filter((a) => a.startsWith('dynamodb:')).map(operationOf));
    expect(granted.has('BatchGetItem')).toBe(true);
    for (const operation of granted) expect(watched, operation).toContain(operation);
  });

  it('alarms when a schedule has stopped running: no invocation of its function counts as an alarm', () => {
    for (const spec of FUNCTIONS.filter((f) => f.schedule)) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'Invocations',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: functionLogicalId(template, spec.name) } }],
        Period: SCHEDULE_SILENCE_MINUTES * 60,
        Statistic: 'Sum',
        Threshold: 1,
        ComparisonOperator: 'LessThanThreshold',
        TreatMissingData: 'breaching',
      });
    }
  });

  it('hands events EventBridge could not deliver to an encrypted dead-letter queue', () => {
    const [queueId] = Object.keys(template.findResources('AWS::SQS::Queue', { Properties: { SqsManagedSseEnabled: true } }));
    expect(queueId).toBeDefined();
    const rules = Object.values(template.findResources('AWS::Events::Rule'));
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) expect(rule.Properties.Targets[0].DeadLetterConfig).toEqual({ Arn: { 'Fn::GetAtt': [queueId, 'Arn'] } });
  });

  it('keeps a Send event the function failed on after Lambda\'s retries in the dead-letter queue, and retries no schedule tick beside the next one', () => {
    const [queueId] = Object.keys(template.findResources('AWS::SQS::Queue'));
    for (const spec of FUNCTIONS.filter((f) => f.mailEvents)) {
      template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: functionLogicalId(template, spec.name) },
        MaximumRetryAttempts: 2,
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queueId, 'Arn'] } } },
      });
    }
    for (const spec of FUNCTIONS.filter((f) => f.schedule)) {
      template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', { FunctionName: { Ref: functionLogicalId(template, spec.name) }, MaximumRetryAttempts: 0 });
    }
  });

  it('throttles the routes reached from emailed links on their own, below the stage-wide limit', () => {
    const expected = Object.fromEntries(PUBLIC_LINK_ROUTES.map((route) => [route, { ThrottlingRateLimit: PUBLIC_LINK_THROTTLE.rateLimit, ThrottlingBurstLimit: PUBLIC_LINK_THROTTLE.burstLimit }]));
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', { StageName: '$default', RouteSettings: expected });
    const routeKeys = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties.RouteKey);
    expect(routeKeys).toEqual(expect.arrayContaining(PUBLIC_LINK_ROUTES));
    // Every route reached without a session: a link's documents and the ballot's receipt check as much as the link itself.
    expect(PUBLIC_LINK_ROUTES).toEqual(expect.arrayContaining(['GET /l/{id}', 'GET /l/{id}/documents/{name}', 'POST /ballot/{cycleId}', 'POST /signin', 'GET /signin/{id}']));
    expect(routeKeys.filter((key: string) => !PUBLIC_LINK_ROUTES.includes(key)).sort()).toEqual(['ANY /admin', 'ANY /admin/{proxy+}', 'ANY /api/{proxy+}']);
  });

  it('backs the table up daily and monthly, beyond point-in-time recovery, into a retained vault', () => {
    template.hasResource('AWS::Backup::BackupVault', { DeletionPolicy: 'Retain' });
    template.hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: Match.objectLike({
        BackupPlanRule: Match.arrayWith([
          Match.objectLike({ RuleName: 'Daily', Lifecycle: { DeleteAfterDays: BACKUP_RETENTION.dailyDays } }),
          Match.objectLike({ RuleName: 'Monthly', Lifecycle: { DeleteAfterDays: 365 * BACKUP_RETENTION.monthlyYears } }),
        ]),
      }),
    });
    const [tableId] = Object.keys(template.findResources('AWS::DynamoDB::GlobalTable'));
    template.hasResourceProperties('AWS::Backup::BackupSelection', { BackupSelection: Match.objectLike({ Resources: [{ 'Fn::GetAtt': [tableId, 'Arn'] }] }) });
  });

  it('emails the alarm addresses when the month\'s cost passes 80% of the budget or is forecast to pass it', () => {
    template.hasResourceProperties('AWS::Budgets::Budget', {
      Budget: { BudgetType: 'COST', TimeUnit: 'MONTHLY', BudgetLimit: { Amount: 50, Unit: 'USD' } },
      NotificationsWithSubscribers: [
        Match.objectLike({ Notification: Match.objectLike({ NotificationType: 'ACTUAL', Threshold: 80 }), Subscribers: Match.arrayWith([{ SubscriptionType: 'EMAIL', Address: 'ban-tdkt@example.gov.vn' }]) }),
        Match.objectLike({ Notification: Match.objectLike({ NotificationType: 'FORECASTED', Threshold: 100 }) }),
      ],
    });
  });
});
