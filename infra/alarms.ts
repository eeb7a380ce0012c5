/**
 * What wakes someone up: failed cycle executions, function errors and throttles, email that could not be
 * sent (our outbox) or was refused downstream (SES bounces and rejects). Every alarm notifies one SNS
 * topic, to which the alarm addresses are subscribed by email. Missing data is "no problem": most of the
 * year nothing runs. CloudWatch bills $0.10 a month per metric an alarm watches (a metric-math alarm pays for
 * each of its metrics), so one alarm per metric costs the same as fewer combined ones and says more.
 */
import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, MathExpression, Metric, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
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
  emails: readonly string[];
}

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
      new MathExpression({ expression: 'failed + timedOut', usingMetrics: { failed: stateMachine.metricFailed(), timedOut: stateMachine.metricTimedOut() }, period: Duration.minutes(5) }));

    for (const fn of props.functions) {
      const name = fn.node.id;
      this.alarm(`${name}Errors`, `Function ${fn.spec.name} threw (after its own retries).`, fn.function.metricErrors({ period: Duration.minutes(5) }));
      this.alarm(`${name}Throttles`, `Function ${fn.spec.name} was throttled: the account's concurrency is exhausted.`, fn.function.metricThrottles({ period: Duration.minutes(5) }));
    }

    this.alarm('OutboxSendFailures', `At least ${OUTBOX_FAILURES_PER_HOUR} email send attempts failed within an hour (the outbox keeps and retries them).`,
      new Metric({ ...OUTBOX_FAILURE_METRIC, statistic: 'Sum', period: Duration.hours(1) }), OUTBOX_FAILURES_PER_HOUR);

    const sesMetric = (metricName: string) =>
      new Metric({ namespace: 'AWS/SES', metricName, dimensionsMap: { 'ses:configuration-set': props.configurationSetName }, statistic: 'Sum', period: Duration.hours(1) });
    this.alarm('MailBouncedOrRejected', 'SES bounced or rejected an email: a unit or approver may not have received its link.',
      new MathExpression({ expression: 'bounces + rejects', usingMetrics: { bounces: sesMetric('Bounce'), rejects: sesMetric('Reject') }, period: Duration.hours(1) }));
  }

  private alarm(id: string, description: string, metric: IMetric, threshold = 1): Alarm {
    const alarm = new Alarm(this, id, {
      metric,
      alarmDescription: `Thi đua: ${description}`,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    return alarm;
  }
}
