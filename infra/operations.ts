/**
 * What keeps the deployment recoverable and affordable, beside the alarms: a dead-letter queue for the
 * events EventBridge could not deliver (the sweep's schedule, SES's Send events), a backup plan for the
 * table beyond point-in-time recovery's 35 days, and a monthly budget that emails the alarm addresses.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { BackupPlan, BackupPlanRule, BackupResource, BackupVault } from 'aws-cdk-lib/aws-backup';
import { CfnBudget } from 'aws-cdk-lib/aws-budgets';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Schedule } from 'aws-cdk-lib/aws-events';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** How long each kind of backup is kept. Commendation records are kept for years (the audit trail included). */
export const BACKUP_RETENTION = { dailyDays: 35, monthlyYears: 10 } as const;

export interface OperationsProps {
  table: ITable;
  /** Who the budget notifications go to. */
  emails: readonly string[];
  /** The monthly cost, in US dollars, above which they are told. */
  monthlyBudgetUsd: number;
}

export class Operations extends Construct {
  /** Where EventBridge puts an event it could not hand to its function after its retries. */
  readonly deadLetters: Queue;
  readonly backupPlan: BackupPlan;
  /** Where the backups are kept (the restore runbook lists its recovery points). */
  readonly backupVault: BackupVault;

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    this.deadLetters = new Queue(this, 'EventDeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });

    this.backupVault = new BackupVault(this, 'BackupVault', { removalPolicy: RemovalPolicy.RETAIN });
    this.backupPlan = new BackupPlan(this, 'BackupPlan', {
      backupVault: this.backupVault,
      backupPlanRules: [
        new BackupPlanRule({ ruleName: 'Daily', scheduleExpression: Schedule.cron({ hour: '18', minute: '0' }), deleteAfter: Duration.days(BACKUP_RETENTION.dailyDays) }),
        new BackupPlanRule({
          ruleName: 'Monthly',
          scheduleExpression: Schedule.cron({ day: '1', hour: '18', minute: '30' }),
          deleteAfter: Duration.days(365 * BACKUP_RETENTION.monthlyYears),
        }),
      ],
    });
    this.backupPlan.addSelection('Table', { resources: [BackupResource.fromDynamoDbTable(props.table)] });

    new CfnBudget(this, 'MonthlyBudget', {
      budget: { budgetType: 'COST', timeUnit: 'MONTHLY', budgetLimit: { amount: props.monthlyBudgetUsd, unit: 'USD' } },
      notificationsWithSubscribers: [
        { notification: { notificationType: 'ACTUAL', comparisonOperator: 'GREATER_THAN', threshold: 80, thresholdType: 'PERCENTAGE' } },
        { notification: { notificationType: 'FORECASTED', comparisonOperator: 'GREATER_THAN', threshold: 100, thresholdType: 'PERCENTAGE' } },
      ].map((entry) => ({ ...entry, subscribers: props.emails.map((address) => ({ subscriptionType: 'EMAIL', address })) })),
    });
  }
}
