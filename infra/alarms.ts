/**
 * What wakes someone up: failed cycle executions, function errors and throttles, email that could not be
 * sent (our outbox) or was refused downstream (SES bounces, rejects and complaints, the account's
 * reputation), DynamoDB throttling, any 5xx of the HTTP API, events EventBridge could not deliver, a schedule
 * that stopped running. Every alarm notifies one SNS topic, to which the alarm addresses are subscribed by
 * email. Missing data is "no problem" (most of the year nothing runs), except for the schedules, which run
 * all year. CloudWatch bills $0.10 a month per metric an alarm watches (a metric-math alarm pays for
 * each of its metrics), so one alarm per metric costs the same as fewer combined ones and says more.
 */
import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, MathExpression, Metric, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Operation, type TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { Rule } from 'aws-cdk-lib/aws-events';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { OUTBOX_FAILURE_METRIC, type ThiDuaFunction } from './thidua-function.js';

export interface AlarmsProps {
  stateMachine: StateMachine;
  functions: readonly ThiDuaFunction[];
  /** The SES configuration set whose events are published to CloudWatch. */
  configurationSetName: string;
  table: TableV2;
  api: HttpApi;
  /** The EventBridge rules whose failed deliveries are watched. */
  eventRules: readonly Rule[];
  deadLetters: Queue;
  emails: readonly string[];
}

/**
 * SES's own review thresholds are a bounce rate of 5% and a complaint rate of 0.1%; it may pause sending
 * at 10% and 0.5%, which would stop every unit's links. Alarm at the review thresholds.
 */
export const SES_REPUTATION_LIMITS = { bounceRate: 0.05, complaintRate: 0.001 } as const;

/**
 * The DynamoDB operations the functions send (store/; a transaction's parts are one TransactWriteItems),
 * whose throttling is alarmed on. test/infra/stack.test.ts holds it to the functions' grants.
 */
export const TABLE_OPERATIONS = [Operation.GET_ITEM, Operation.BATCH_GET_ITEM, Operation.QUERY, Operation.PUT_ITEM, Operation.UPDATE_ITEM, Operation.DELETE_ITEM, Operation.TRANSACT_WRITE_ITEMS];

/**
 * The sum of metrics that are only published when something happens (a failure, a bounce, a throttle):
 * metric math yields no data point where one of its metrics has none, so `a + b` alone would stay silent
 * while only `a` happened. Each is filled with 0 first.
 */
export function sumOfSparse(metrics: Record<string, IMetric>, period: Duration): MathExpression {
  return new MathExpression({ expression: Object.keys(metrics).map((id) => `FILL(${id}, 0)`).join(' + '), usingMetrics: metrics, period });
}

/**
 * How long a scheduled function may go without running before anyone is told: a few of the catalog's
 * intervals (the sweep runs every 5 minutes, the drainer every minute); a slower schedule needs more.
 */
export const SCHEDULE_SILENCE_MINUTES = 15;

/** Outbox send attempts that fail in an hour before anyone is told: the outbox retries with backoff. */
export const OUTBOX_FAILURES_PER_HOUR = 3;

export class Alarms extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', { displayName: 'Thi đua alarms', enforceSSL: true });
    for (const email of props.emails) this.topic.addSubscription(new EmailSubscription(email));

    const { stateMachine } = props;
    this.alarm('CycleExecutionsFailed', 'A cycle execution failed or timed out: see the execution history and the record-failure email.',
      sumOfSparse({ failed: stateMachine.metricFailed(), timedOut: stateMachine.metricTimedOut() }, Duration.minutes(5)));

    for (const fn of props.functions) {
      const name = fn.node.id;
      this.alarm(`${name}Errors`, `Function ${fn.spec.name} threw (after its own retries).`, fn.function.metricErrors({ period: Duration.minutes(5) }));
      this.alarm(`${name}Throttles`, `Function ${fn.spec.name} was throttled: the account's concurrency is exhausted.`, fn.function.metricThrottles({ period: Duration.minutes(5) }));
      // Invocations are published only when there are some: none means the schedule stopped (a rule left
      // disabled after a restore, a target EventBridge can no longer invoke), and deadlines or emails wait.
      if (fn.spec.schedule) {
        this.alarm(`${name}NotRunning`, `Function ${fn.spec.name} has not run for ${SCHEDULE_SILENCE_MINUTES} minutes: its schedule (${fn.spec.schedule}) is disabled or cannot invoke it; deadlines, reminders or emails wait.`,
          fn.function.metricInvocations({ period: Duration.minutes(SCHEDULE_SILENCE_MINUTES) }), 1, 'whenSilent');
      }
    }

    this.alarm('OutboxSendFailures', `At least ${OUTBOX_FAILURES_PER_HOUR} email send attempts failed within an hour (the outbox keeps and retries them).`,
      new Metric({ ...OUTBOX_FAILURE_METRIC, statistic: 'Sum', period: Duration.hours(1) }), OUTBOX_FAILURES_PER_HOUR);

    const sesMetric = (metricName: string) =>
      new Metric({ namespace: 'AWS/SES', metricName, dimensionsMap: { 'ses:configuration-set': props.configurationSetName }, statistic: 'Sum', period: Duration.hours(1) });
    this.alarm('MailBouncedOrRejected', 'SES bounced, rejected or got a complaint about an email: a unit or approver may not have received its link.',
      sumOfSparse({ bounces: sesMetric('Bounce'), rejects: sesMetric('Reject'), complaints: sesMetric('Complaint') }, Duration.hours(1)));
    const reputation = (metricName: string) => new Metric({ namespace: 'AWS/SES', metricName, statistic: 'Maximum', period: Duration.hours(1) });
    this.alarm('MailBounceRate', `The account's bounce rate reached ${SES_REPUTATION_LIMITS.bounceRate * 100}%: SES reviews the account, and may pause sending at 10%.`,
      reputation('Reputation.BounceRate'), SES_REPUTATION_LIMITS.bounceRate);
    this.alarm('MailComplaintRate', `The account's complaint rate reached ${SES_REPUTATION_LIMITS.complaintRate * 100}%: SES reviews the account, and may pause sending at 0.5%.`,
      reputation('Reputation.ComplaintRate'), SES_REPUTATION_LIMITS.complaintRate);

    // A throttled request is retried by the SDK, then fails a request. (CDK's metricThrottledRequestsForOperations sums without filling.)
    this.alarm('TableThrottled', 'DynamoDB throttled requests on the table: a hot key or a burst beyond on-demand capacity.',
      sumOfSparse(Object.fromEntries(TABLE_OPERATIONS.map((op) => [op.toLowerCase(), props.table.metricThrottledRequestsForOperation(op, { period: Duration.minutes(5) })])), Duration.minutes(5)));
    this.alarm('ApiServerErrors', 'The HTTP API answered with a 5xx: no input should ever cause one; see the functions\' logs.', props.api.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }));
    for (const rule of props.eventRules) {
      this.alarm(`${rule.node.id}FailedInvocations`, `EventBridge could not invoke the target of rule ${rule.node.id}; after its retries the event goes to the dead-letter queue.`,
        new Metric({ namespace: 'AWS/Events', metricName: 'FailedInvocations', dimensionsMap: { RuleName: rule.ruleName }, statistic: 'Sum', period: Duration.minutes(5) }));
    }
    this.alarm('EventDeadLetters', 'Events EventBridge gave up on, or SES Send events the mail-events function failed on, are waiting in the dead-letter queue: replay or inspect them (docs/deploy.md).',
      props.deadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }));
  }

  /** An alarm at `threshold` or more; `whenSilent`, below it, with no data counting as below. */
  private alarm(id: string, description: string, metric: IMetric, threshold = 1, when: 'atThreshold' | 'whenSilent' = 'atThreshold'): Alarm {
    const alarm = new Alarm(this, id, {
      metric,
      alarmDescription: `Thi đua: ${description}`,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: when === 'whenSilent' ? ComparisonOperator.LESS_THAN_THRESHOLD : ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: when === 'whenSilent' ? TreatMissingData.BREACHING : TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    return alarm;
  }
}
