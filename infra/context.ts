/**
 * The deployment's parameters, read from CDK context (`-c key=value`, or `context` in cdk.json /
 * cdk.context.json) and parsed once with zod, so a wrong value fails synth with the field's name.
 * Every parameter has an example default so that `npm run synth` works on a fresh clone; a deployment
 * sets its own (docs/deploy.md), and each default that is used is reported as a warning.
 */
import { z } from 'zod';

/** The region a deployment goes to unless `-c region=…` says otherwise: Singapore, the nearest to Vietnam. */
export const DEFAULT_REGION = 'ap-southeast-1';

const emailList = z
  .union([z.string(), z.array(z.string())])
  .transform((value) => (Array.isArray(value) ? value : value.split(',')).map((s) => s.trim()).filter(Boolean))
  .pipe(z.array(z.email({ error: 'must be email addresses, separated by commas' })));

/** How many email addresses one AWS Budgets notification may have. */
const MAX_BUDGET_SUBSCRIBERS = 10;

const domain = z.string().regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i);

const ContextSchema = z.object({
  /** The SES identity mail is sent from: an address (verified by a click) or a domain (verified by DNS). */
  sender: z.union([z.email(), domain], { error: 'must be an email address or a domain name' }),
  /** The display name of the From header. */
  senderName: z.string().min(1).max(64),
  /** Who may sign in to the admin console; also receives the alarms unless alarmEmails is set. */
  adminEmails: emailList.pipe(z.array(z.email()).min(1, { error: 'needs at least one address' })),
  /** Who receives the alarms; defaults to adminEmails. */
  alarmEmails: emailList.optional(),
  /** Where people open the pages (the emailed links start with it); defaults to the HTTP API's own URL. */
  publicUrl: z.url({ protocol: /^https$/, error: 'must be an https:// URL' }).transform((url) => url.replace(/\/$/, '')).optional(),
  /** The AWS region. */
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { error: 'must be an AWS region such as ap-southeast-1' }),
  /** SES sandbox only: verified recipient addresses the functions may send to while in the sandbox. */
  sandboxRecipients: emailList.optional(),
  /** The monthly AWS cost, in US dollars, above which the alarm addresses are emailed (80% spent, 100% forecast). */
  monthlyBudgetUsd: z.coerce.number({ error: 'must be a number of US dollars' }).positive({ error: 'must be more than 0' }),
}).superRefine((context, issues) => {
  // The alarm addresses also receive the budget's notifications, and AWS Budgets emails at most 10 addresses a notification.
  if ((context.alarmEmails ?? context.adminEmails).length > MAX_BUDGET_SUBSCRIBERS) {
    issues.addIssue({ code: 'custom', path: ['alarmEmails'], message: `at most ${MAX_BUDGET_SUBSCRIBERS} addresses receive the alarms and the budget (AWS Budgets emails at most ${MAX_BUDGET_SUBSCRIBERS}): name fewer here than there are admins` });
  }
});

/** The parsed deployment parameters. */
export type DeployContext = z.output<typeof ContextSchema>;
/** The context keys, as written on the command line. */
export type ContextKey = keyof z.input<typeof ContextSchema>;

/** Defaults a deployment may keep. */
const DEFAULTS = { senderName: 'Thi đua', region: DEFAULT_REGION, monthlyBudgetUsd: '50' } as const satisfies Partial<Record<ContextKey, string>>;

/** Example values: enough to synthesize, never meant to be deployed (`.example` is a reserved TLD). */
export const EXAMPLE_CONTEXT = {
  sender: 'thidua.example',
  adminEmails: 'admin@thidua.example',
} as const satisfies Partial<Record<ContextKey, string>>;

/** Context values given as `-c` are strings; cdk.json may hold arrays. */
type ContextValue = string | string[] | undefined;

export interface ParsedContext {
  context: DeployContext;
  /** The keys that fell back to an example value (to warn about). */
  defaulted: (keyof typeof EXAMPLE_CONTEXT)[];
}

/** Parses the context (a lookup such as `app.node.tryGetContext`); an invalid value throws naming its key. */
export function parseDeployContext(lookup: (key: ContextKey) => unknown): ParsedContext {
  const keys = Object.keys(ContextSchema.shape) as ContextKey[];
  const raw = Object.fromEntries(keys.map((key) => [key, lookup(key) as ContextValue]).filter(([, value]) => value !== undefined && value !== ''));
  const defaulted = (Object.keys(EXAMPLE_CONTEXT) as (keyof typeof EXAMPLE_CONTEXT)[]).filter((key) => raw[key] === undefined);
  const parsed = ContextSchema.safeParse({ ...DEFAULTS, ...EXAMPLE_CONTEXT, ...raw });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `context "${issue.path.join('.')}": ${issue.message}`);
    throw new Error(`Invalid deployment parameters:\n  ${problems.join('\n  ')}`);
  }
  return { context: parsed.data, defaulted };
}

/** The From header the functions send with, e.g. `Thi đua <no-reply@thidua.example.gov.vn>`. */
export function mailFrom(context: DeployContext): string {
  const address = context.sender.includes('@') ? context.sender : `no-reply@${context.sender}`;
  return `${context.senderName} <${address}>`;
}
