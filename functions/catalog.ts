/**
 * Every Lambda function of Thi đua, in one list read by both the CDK stack and the local stack, so the
 * two cannot drift: the handler file, its sizing, the `${…}` key it fills in workflows/cycle.asl.json,
 * and the routes or schedule it serves.
 */
export interface FunctionSpec {
  /** Short name; the local runtime registers the function under it and the ASL substitution resolves to it. */
  name: string;
  /** Handler module, relative to the repository root; it exports `handler`. */
  entry: string;
  description: string;
  memoryMb: number;
  timeoutSeconds: number;
  /** The ASL substitution key this function's ARN fills, e.g. "OpenPhaseFunction". */
  aslKey?: string;
  /** HTTP API routes ("GET /l/{id}"). */
  routes?: string[];
  /** An EventBridge schedule expression. */
  schedule?: string;
  /** Reserved concurrency: at most this many instances at once (the drainer's 1 keeps one sender at the rate). */
  reservedConcurrency?: number;
  /**
   * What it does with the table, as its code sends it (`dynamodb:` left out): a transaction's parts are
   * authorized as the Put, Update, Delete and ConditionCheck they hold, and Query reaches the indexes too.
   * test/infra/grants.test.ts holds each list to the commands the function's bundle contains.
   */
  table?: readonly TableAction[];
  /** Sends email itself through SES (ses:SendRawEmail): a receipt or sign-in link at once, or the outbox's drainer. Others only queue mail. */
  sendsMail?: boolean;
  /** Reads the account's SES sending rate (ses:GetSendQuota). */
  readsSendQuota?: boolean;
  /** Answers waits (states:SendTaskSuccess on the cycle state machine). */
  completesWaits?: boolean;
  /** Fails the waits of units that missed their deadline (states:SendTaskFailure on the cycle state machine). */
  failsWaits?: boolean;
  /** Starts executions of the cycle state machine. */
  startsExecutions?: boolean;
  /** Receives SES's "Email Sent" events (the configuration set's EventBridge destination). */
  mailEvents?: boolean;
  /** Reaches the dossier files' bucket: opens recorded files (`read`), or also takes uploads (`readWrite`). */
  files?: 'read' | 'readWrite';
  /**
   * Brings the data of earlier releases up to this one: run after every deploy (a CloudFormation trigger)
   * and at the local stack's start, never on a route or a schedule. It reads and updates the table only
   * (no mail, no index but gsi1), so its role holds those grants alone.
   */
  afterDeploy?: boolean;
}

/** A DynamoDB action a function may take on the table. */
export type TableAction = 'GetItem' | 'BatchGetItem' | 'Query' | 'PutItem' | 'UpdateItem' | 'DeleteItem' | 'ConditionCheckItem';
/** Reads by key and writes, alone or in transactions. */
const READ_WRITE: readonly TableAction[] = ['GetItem', 'BatchGetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'ConditionCheckItem'];
/** The same, and queries of the table and its indexes. */
const READ_WRITE_QUERY: readonly TableAction[] = [...READ_WRITE, 'Query'];

const task = (name: string, aslKey: string, description: string, extra: Partial<FunctionSpec> = {}): FunctionSpec => ({
  name,
  entry: `functions/handlers/${name}.ts`,
  description,
  memoryMb: 512,
  timeoutSeconds: 60,
  aslKey,
  table: READ_WRITE_QUERY,
  ...extra,
});

export const FUNCTIONS: readonly FunctionSpec[] = [
  task('begin-cycle', 'BeginCycleFunction', 'Begins a cycle: its timeline as instants with safety caps', { table: READ_WRITE }),
  task('open-phase', 'OpenPhaseFunction', 'Opens a phase: window, links, emails to each unit that must act', { timeoutSeconds: 300 }),
  task('await-response', 'AwaitResponseFunction', 'Holds the task token of one unit\'s wait', { table: READ_WRITE, completesWaits: true }),
  task('record-missed', 'RecordMissedFunction', 'Records a unit that did not act by its deadline', { table: READ_WRITE }),
  task('close-phase', 'ClosePhaseFunction', 'Closes a phase once every wait has ended', { table: READ_WRITE }),
  task('score-bloc', 'ScoreBlocFunction', 'Scores, ranks and classifies the bloc; nominations'),
  task('tally-votes', 'TallyVotesFunction', 'Counts a ballot round, or applies the leaders\' decision'),
  task('publish', 'PublishFunction', 'Publishes the results and emails everyone', { timeoutSeconds: 300 }),
  task('hand-over', 'HandOverFunction', 'Continues the cycle in a new execution before the one-year limit of this one', { table: READ_WRITE, startsExecutions: true }),
  task('record-failure', 'RecordFailureFunction', 'Records a failed cycle and alerts the admins', { table: READ_WRITE }),
  {
    name: 'link-pages',
    entry: 'functions/handlers/link-pages.ts',
    description: 'The pages units and approvers reach by emailed link: show a form (GET), act on it (POST)',
    memoryMb: 1024,
    timeoutSeconds: 29,
    routes: ['GET /', 'GET /l/{id}', 'POST /l/{id}', 'GET /l/{id}/documents/{name}', 'GET /l/{id}/files', 'POST /l/{id}/files', 'GET /l/{id}/files/{fileId}', 'GET /ballot/{cycleId}', 'POST /ballot/{cycleId}'],
    table: READ_WRITE_QUERY,
    sendsMail: true,
    completesWaits: true,
    files: 'readWrite',
  },
  {
    name: 'admin-console',
    entry: 'functions/handlers/admin-console.ts',
    description: 'The admin console: sign-in by emailed link, blocs, sheets, rules, cycles, progress, interventions, audit',
    memoryMb: 1024,
    timeoutSeconds: 29,
    routes: ['GET /signin', 'POST /signin', 'GET /signin/{id}', 'POST /signin/{id}', 'ANY /admin', 'ANY /admin/{proxy+}'],
    table: READ_WRITE_QUERY,
    sendsMail: true,
    startsExecutions: true,
    completesWaits: true,
    files: 'read',
  },
  {
    name: 'api',
    entry: 'functions/handlers/api.ts',
    description: 'JSON endpoints for scripts: the same actions as the pages',
    memoryMb: 1024,
    timeoutSeconds: 29,
    routes: ['ANY /api/{proxy+}'],
    table: READ_WRITE_QUERY,
    sendsMail: true,
    startsExecutions: true,
    completesWaits: true,
    files: 'readWrite',
  },
  {
    name: 'sweep',
    entry: 'functions/handlers/sweep.ts',
    description: 'Closes overdue waits, queues reminders, answers waits left unanswered',
    memoryMb: 512,
    timeoutSeconds: 300,
    schedule: 'rate(5 minutes)',
    table: READ_WRITE_QUERY,
    completesWaits: true,
    failsWaits: true,
  },
  {
    name: 'drain-outbox',
    entry: 'functions/handlers/drain-outbox.ts',
    description: 'Sends the queued emails at the SES sending rate, retries throttled and failed ones',
    memoryMb: 512,
    timeoutSeconds: 60,
    schedule: 'rate(1 minute)',
    reservedConcurrency: 1,
    // Claims, sends and records one item at a time: no transaction.
    table: ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem'],
    sendsMail: true,
    readsSendQuota: true,
  },
  {
    name: 'mail-events',
    entry: 'functions/handlers/mail-events.ts',
    description: 'Records the emails SES reports as accepted (its Send events), so none is sent twice',
    memoryMb: 256,
    timeoutSeconds: 30,
    // One conditional UpdateItem per event: the outbox item it names.
    table: ['UpdateItem'],
    mailEvents: true,
  },
  {
    name: 'migrate',
    entry: 'functions/handlers/migrate.ts',
    description: 'After each deploy: brings the data of earlier releases up to this one (the data migrations not yet done)',
    memoryMb: 512,
    // Well under the 15 minutes a trigger waits; a province's table is migrated in seconds.
    timeoutSeconds: 600,
    afterDeploy: true,
  },
];

/** How long one run of the drainer sends before it leaves the rest to the next (its timeout less a margin). */
export const DRAIN_BUDGET_MS = 50_000;

/** The ASL substitutions, given how to name a function (its ARN on AWS, its plain name locally). */
export function aslSubstitutions(nameOf: (spec: FunctionSpec) => string): Record<string, string> {
  return Object.fromEntries(FUNCTIONS.filter((f) => f.aslKey).map((f) => [f.aslKey!, nameOf(f)]));
}

/** Fills `${Key}` placeholders of an ASL definition; an unknown key is an error, not a silent blank. */
export function substitute(definition: string, substitutions: Record<string, string>): string {
  return definition.replace(/\$\{(\w+)\}/g, (_match, key: string) => {
    const value = substitutions[key];
    if (value === undefined) throw new Error(`no substitution for \${${key}} in the state machine definition`);
    return value;
  });
}
