/**
 * Demo tools ("công cụ demo"), served by the local HTTP server itself under `/_local` and never on AWS:
 * the local time, each running cycle's next event with a button that jumps the clock to it, and a JSON
 * API for scripts (`npm run demo`). Off unless asked for: anyone who reaches them can move the clock
 * and mint an admin sign-in link. Every request must name this machine in its Host header (no DNS
 * rebinding) and come from no other site's page; every POST carries the per-process token: the page's
 * forms in a field that must match a SameSite=Strict cookie, scripts in an X-Demo-Token header (the token
 * is in `GET /_local/clock`, which only this machine's own pages and scripts can read).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import nunjucks from 'nunjucks';
import { z } from 'zod';
import { CycleConfigSchema, phaseInstants, phasesOf, vietnamDateOf, VIETNAM_UTC_OFFSET_MS } from '../../functions/domain/index.js';
import type { Store } from '../../functions/store/client.js';
import { listCyclesOfYear } from '../../functions/store/cycles.js';
import { listOpenTasks } from '../../functions/store/tasks.js';
import type { OffsetClock } from '../clock.js';
import { crossSiteRefusal } from '../loopback.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** The daily sweep runs at 00:00:01, two seconds after a 23:59:59 deadline: jumping there closes the phase. */
const AFTER_DEADLINE_MS = 2000;

const STEP_NAMES: Record<string, string> = {
  pledge: 'ký giao ước (pledge)',
  midYear: 'sơ kết 6 tháng (mid-year)',
  selfAssessment: 'tự chấm điểm (self-assessment)',
  crossCheck: 'kiểm tra chéo (cross-check)',
  vote: 'bình xét (vote)',
  leaderDecision: 'Trưởng/Phó khối quyết định (leaders decide)',
  approval: 'phê duyệt (approval)',
  revision: 'hoàn thiện hồ sơ (revision)',
};

export interface CycleEvent {
  /** ISO instant to jump to. */
  at: string;
  label: string;
}

export interface CycleStatus {
  cycleId: string;
  phase: string;
  status: string;
  next?: CycleEvent;
}

export interface DemoToolsDeps {
  store: Store;
  clock: OffsetClock;
  /** Jumps the clock and waits for the stack to settle. */
  advance(to: number): Promise<number>;
  /** Waits until no workflow, sweep or drainer has work in hand, without moving the clock. */
  idle(): Promise<void>;
  newSignInLink(): Promise<string>;
  /** Host headers accepted besides loopback's (the public address's, e.g. `thidua.example:8443`). */
  hosts?: string[];
}

const AdvanceSchema = z.union([
  z.strictObject({ to: z.iso.datetime({ offset: true, error: 'to: must be an ISO date-time' }) }),
  z.strictObject({ days: z.number({ error: 'days: must be a number' }).positive({ error: 'days: must be more than 0' }).max(366) }),
], { error: 'give {"to": ISO date-time} or {"days": n}' });

const COOKIE = 'thidua_demo_tools';
const templates = new nunjucks.Environment(null, { autoescape: true });

/** The header that carries the token on the JSON API's POSTs. */
export const DEMO_TOKEN_HEADER = 'x-demo-token';

/** The `/_local` pages and API; `handle` returns false for any other path. */
export function demoTools(deps: DemoToolsDeps) {
  const token = randomBytes(32).toString('base64url');

  const handle = async (request: IncomingMessage, body: Buffer, response: ServerResponse): Promise<boolean> => {
    const path = (request.url ?? '/').split('?')[0]!;
    if (path !== '/_local' && !path.startsWith('/_local/')) return false;
    const refusal = crossSiteRefusal(request, deps.hosts);
    if (refusal) return sendJson(response, 403, { message: `Refused: ${refusal}.` });
    const route = `${request.method} ${path.replace(/\/$/, '')}`;
    switch (route) {
      case 'GET /_local':
        return html(response, 200, page(deps.clock.now(), deps.clock.offset, await cycleStatuses(deps.store, deps.clock.now()), token), { 'set-cookie': `${COOKIE}=${token}; Path=/_local; HttpOnly; SameSite=Strict` });
      case 'GET /_local/clock':
        return sendJson(response, 200, { now: iso(deps.clock.now()), offsetMs: deps.clock.offset, cycles: await cycleStatuses(deps.store, deps.clock.now()), token });
      case 'POST /_local/clock/advance':
        return advanceJson(request, body, response);
      case 'POST /_local/idle':
        // What the last actions started (answers, the next steps, their mail) is done when this answers.
        if (!sameToken(request.headers[DEMO_TOKEN_HEADER] as string | undefined, token)) return sendJson(response, 403, { message: `send the token of GET /_local/clock in the ${DEMO_TOKEN_HEADER} header` });
        await deps.idle();
        return sendJson(response, 200, { now: iso(deps.clock.now()) });
      case 'POST /_local/jump':
      case 'POST /_local/signin':
        return formAction(route, request, body, response);
      default:
        return sendJson(response, 404, { message: 'Not Found' });
    }
  };

  const advanceJson = async (request: IncomingMessage, body: Buffer, response: ServerResponse) => {
    if (!sameToken(request.headers[DEMO_TOKEN_HEADER] as string | undefined, token)) return sendJson(response, 403, { message: `send the token of GET /_local/clock in the ${DEMO_TOKEN_HEADER} header` });
    if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) return sendJson(response, 415, { message: 'send Content-Type: application/json' });
    let input: unknown;
    try {
      input = JSON.parse(body.toString('utf8'));
    } catch {
      return sendJson(response, 400, { message: 'the body is not JSON' });
    }
    const parsed = AdvanceSchema.safeParse(input);
    if (!parsed.success) return sendJson(response, 400, { message: parsed.error.issues.map((i) => i.message).join('; ') });
    const now = deps.clock.now();
    const to = 'to' in parsed.data ? Date.parse(parsed.data.to) : now + parsed.data.days * DAY_MS;
    if (to < now) return sendJson(response, 400, { message: `to: the local clock only moves forward (it is ${iso(now)})` });
    return sendJson(response, 200, { now: iso(await deps.advance(to)) });
  };

  const formAction = async (route: string, request: IncomingMessage, body: Buffer, response: ServerResponse) => {
    const form = new URLSearchParams(body.toString('utf8'));
    if (!sameToken(form.get('token'), token) || !sameToken(cookieOf(request, COOKIE), token)) {
      return html(response, 403, '<p>This form is stale or came from another site. <a href="/_local">Reload the demo tools</a>.</p>');
    }
    if (route === 'POST /_local/signin') return redirect(response, await deps.newSignInLink());
    const to = Date.parse(form.get('to') ?? '');
    if (Number.isNaN(to) || to < deps.clock.now()) return html(response, 400, '<p>to: the local clock only moves forward. <a href="/_local">Back</a>.</p>');
    await deps.advance(to);
    return redirect(response, '/_local');
  };

  return { handle };
}

/** Every running cycle of last, this and next year, with the next instant at which something happens to it. */
export async function cycleStatuses(store: Store, now: number): Promise<CycleStatus[]> {
  const year = Number(vietnamDateOf(now).slice(0, 4));
  const cycles = (await Promise.all([year - 1, year, year + 1].map((y) => listCyclesOfYear(store, y)))).flat();
  const statuses: CycleStatus[] = [];
  for (const cycle of cycles) {
    const status: CycleStatus = { cycleId: cycle.cycleId, phase: cycle.phase, status: cycle.status };
    if (cycle.status === 'running') {
      const next = nextEvent(cycle.config, await listOpenTasks(store, cycle.cycleId), now);
      if (next) status.next = next;
    }
    statuses.push(status);
  }
  return statuses;
}

function nextEvent(config: unknown, openTasks: { phase: string; round: number; deadline: string }[], now: number): CycleEvent | undefined {
  const parsed = CycleConfigSchema.safeParse(config);
  if (!parsed.success) return undefined;
  const events: { at: number; label: string }[] = [];
  for (const phase of phasesOf(parsed.data.timeline)) {
    const { opensAt, deadlineAt } = phaseInstants(parsed.data.timeline[phase]!);
    events.push({ at: Date.parse(opensAt), label: `Mở ${STEP_NAMES[phase]}` });
    events.push({ at: Date.parse(deadlineAt) + AFTER_DEADLINE_MS, label: `Hết hạn ${STEP_NAMES[phase]}` });
  }
  for (const task of openTasks) {
    events.push({ at: Date.parse(task.deadline) + AFTER_DEADLINE_MS, label: `Hết hạn ${STEP_NAMES[task.phase] ?? task.phase}${task.round > 1 ? `, vòng ${task.round}` : ''}` });
  }
  const upcoming = events.filter((e) => e.at > now).sort((a, b) => a.at - b.at);
  const first = upcoming[0];
  if (!first) return undefined;
  // A phase that opens the moment the previous one's deadline passes: one jump, to just after both.
  const together = upcoming.filter((e) => e.at - first.at <= AFTER_DEADLINE_MS);
  const deadlinesFirst = [...together].sort((a, b) => Number(b.label.startsWith('Hết')) - Number(a.label.startsWith('Hết')));
  return { at: iso(together.at(-1)!.at), label: [...new Set(deadlinesFirst.map((e) => e.label))].join(', ') };
}

const PAGE = `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Công cụ demo · Demo tools</title>
<style>body{font:16px system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.4rem;text-align:left}form{display:inline}button{font:inherit}</style></head>
<body><h1>Công cụ demo · Demo tools</h1>
<p>Giờ địa phương (local time): <strong>{{ local }}</strong> (giờ Việt Nam){% if offsetDays %}, {{ offsetDays }} ngày sau giờ hệ thống (days ahead of the system clock){% endif %}.</p>
<p>{% for days in [1, 7] %}<form method="post" action="/_local/jump"><input type="hidden" name="token" value="{{ token }}"><input type="hidden" name="to" value="{{ plus[days] }}"><button>+{{ days }} ngày (days)</button></form> {% endfor %}
<form method="post" action="/_local/signin"><input type="hidden" name="token" value="{{ token }}"><button>Liên kết đăng nhập quản trị mới (new admin sign-in link)</button></form></p>
<h2>Kỳ thi đua đang chạy (running cycles)</h2>
{% if cycles.length %}<table><tr><th>Kỳ (cycle)</th><th>Giai đoạn (phase)</th><th>Tiếp theo (next)</th><th></th></tr>
{% for c in cycles %}<tr><td>{{ c.cycleId }}</td><td>{{ c.phase }} · {{ c.status }}</td><td>{% if c.next %}{{ c.next.label }}: {{ c.next.local }}{% else %}—{% endif %}</td>
<td>{% if c.next %}<form method="post" action="/_local/jump"><input type="hidden" name="token" value="{{ token }}"><input type="hidden" name="to" value="{{ c.next.at }}"><button>Nhảy tới (jump to) {{ c.next.local }}</button></form>{% endif %}</td></tr>
{% endfor %}</table>{% else %}<p>Chưa có kỳ nào (none yet): start one in the admin console.</p>{% endif %}
<p>API: <code>GET /_local/clock</code>, <code>POST /_local/clock/advance {"to": ISO}</code> or <code>{"days": n}</code> (forward only), <code>POST /_local/idle</code> (waits for the workflows).</p>
</body></html>`;

function page(now: number, offsetMs: number, cycles: CycleStatus[], token: string): string {
  return templates.renderString(PAGE, {
    local: localTime(now),
    offsetDays: Math.round((offsetMs / DAY_MS) * 10) / 10,
    token,
    plus: { 1: iso(now + DAY_MS), 7: iso(now + 7 * DAY_MS) },
    cycles: cycles.map((c) => ({ ...c, next: c.next && { ...c.next, local: localTime(Date.parse(c.next.at)) } })),
  });
}

const iso = (ms: number) => new Date(ms).toISOString();
/** "2026-11-01 08:30:00" in Vietnam time. */
const localTime = (ms: number) => new Date(ms + VIETNAM_UTC_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');

function sameToken(given: string | null | undefined, expected: string): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieOf(request: IncomingMessage, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

function sendJson(response: ServerResponse, status: number, value: unknown): true {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
  return true;
}

function html(response: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): true {
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers }).end(body);
  return true;
}

function redirect(response: ServerResponse, location: string): true {
  response.writeHead(303, { location }).end();
  return true;
}
