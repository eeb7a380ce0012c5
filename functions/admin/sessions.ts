/**
 * Admin sign-in (SPEC §2): an allow-listed address asks for a link; the emailed link's page has a button
 * (POST) that opens a session. Sessions are opaque 256-bit ids, stored hashed with an expiry (and a TTL),
 * carried in an HttpOnly cookie or, for scripts, a Bearer header.
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CycleDeps } from '../shared/deps.js';
import { consumeLink, createLink, newLinkOp, resolveLink, revokeSignInLinksOf } from '../links/links.js';
import { queueEmailOp } from '../mail/compose.js';
import { sendQueued } from '../mail/mailer.js';
import { transact } from '../store/items.js';
import { countAttempt, type RateLimit } from '../store/rate-limits.js';
import { areaLogger } from '../shared/logger.js';
import { deleteSession, getSessionItem, putSessionOp } from '../store/sessions.js';

const SESSION_HOURS = 12;
const SIGN_IN_MINUTES = 30;

export interface AdminSession {
  email: string;
  expiresAt: string;
}

/** The admins allowed to sign in: ADMIN_EMAILS, comma-separated. */
export function allowedAdmins(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.ADMIN_EMAILS ?? '').split(',').map((e) => e.trim().toLowerCase()).filter(Boolean);
}

/** Sign-in requests one source address may make per window: an office's few admins, not a flood. */
export const SIGN_IN_BY_SOURCE: RateLimit = { name: 'signInBySource', max: 10, windowMs: 15 * 60_000 };
/** Sign-in emails one address may ask for per window; every address counts, allow-listed or not, so a refusal tells nothing. */
export const SIGN_IN_BY_ADDRESS: RateLimit = { name: 'signInByAddress', max: 3, windowMs: 15 * 60_000 };
/**
 * Every sign-in request is answered this long after it arrived, whoever it names: an allow-listed address
 * (a link written, an email sent) must not answer slower than any other, or timing would tell who is an
 * admin. Far above the work (a few DynamoDB writes and one SES call, about 100 ms).
 */
export const SIGN_IN_ANSWER_MS = 600;
/**
 * How long an answer waits at most for an email that is slow to go (SES retrying, an overloaded machine):
 * then it answers, and the email, queued already, is sent later from the outbox.
 */
const SIGN_IN_WAIT_MS = 3_000;

const signInLogger = areaLogger('signin');

/**
 * Emails a sign-in link to an allow-listed address; anyone else gets the same answer, in the same time
 * (padded to {@link SIGN_IN_ANSWER_MS}), and no email, so the page does not tell who is an admin. Limited
 * per source address and per address (RateLimitedError). The link and its email are written together,
 * then sent, before the answer, so the email is there when the page says so; an email still not sent
 * after {@link SIGN_IN_WAIT_MS} is left to the outbox (its drainer sends what is queued).
 */
export async function requestSignIn(deps: CycleDeps, email: string, at: Date, source: { ip?: string | undefined } = {}): Promise<void> {
  const began = performance.now();
  const address = email.trim().toLowerCase();
  if (source.ip) await countAttempt(deps.store, SIGN_IN_BY_SOURCE, source.ip, at);
  await countAttempt(deps.store, SIGN_IN_BY_ADDRESS, address, at);
  if (allowedAdmins().includes(address)) {
    const sending = emailSignInLink(deps, address, at).catch((error: unknown) => signInLogger.error('sign-in email failed', { error: error as Error }));
    await Promise.race([sending, sleep(SIGN_IN_WAIT_MS)]);
  }
  await sleep(Math.max(0, began + SIGN_IN_ANSWER_MS - performance.now()));
}

/** A new sign-in link for an address, replacing its older ones, queued with its email in one transaction, then sent. */
async function emailSignInLink(deps: CycleDeps, address: string, at: Date): Promise<void> {
  await revokeSignInLinksOf(deps.store, address, at);
  const expiresAt = new Date(at.getTime() + SIGN_IN_MINUTES * 60_000);
  const { id, op } = newLinkOp(deps.store, { purpose: 'adminSignIn', email: address }, { expiresAt, now: at, singleUse: true });
  const queued = queueEmailOp(deps.mailer, {
    cycleId: 'system',
    kind: 'adminSignIn',
    recipient: address,
    round: id.slice(0, 12),
    // Addressed by role: "Kính gửi admin@thidua.local" reads as a machine writing to an address.
    data: { recipientName: 'Quản trị viên hệ thống Thi đua', link: `${deps.publicUrl}/signin/${id}`, expiresAt: expiresAt.toISOString() },
    now: at,
  });
  await transact(deps.store, [op, queued.op]);
  await sendQueued(deps.mailer, queued, at);
}

/** Issues a sign-in link without email (the local stack prints one at start). */
export async function issueSignInLink(deps: CycleDeps, email: string, at: Date, validHours = 24): Promise<string> {
  const { id } = await createLink(deps.store, { purpose: 'adminSignIn', email: email.toLowerCase() }, { expiresAt: new Date(at.getTime() + validHours * 3_600_000), now: at, singleUse: true });
  return `${deps.publicUrl}/signin/${id}`;
}

/** Checks a sign-in link for its page (GET): the address it signs in. */
export async function checkSignInLink(deps: CycleDeps, linkId: string, at: Date): Promise<string> {
  const link = await resolveLink(deps.store, linkId, at, { purpose: 'adminSignIn' });
  return link.email;
}

/** Uses a sign-in link once and opens a session; returns the session id for the cookie. */
export async function signIn(deps: CycleDeps, linkId: string, at: Date, source: { ip?: string | undefined; userAgent?: string | undefined }): Promise<{ sessionId: string; session: AdminSession }> {
  const sessionId = randomBytes(32).toString('base64url');
  const link = await resolveLink(deps.store, linkId, at, { purpose: 'adminSignIn' });
  const session: AdminSession = { email: link.email, expiresAt: new Date(at.getTime() + SESSION_HOURS * 3_600_000).toISOString() };
  await consumeLink(deps.store, {
    id: linkId,
    now: at,
    expect: { purpose: 'adminSignIn' },
    ops: [putSessionOp(deps.store, sessionId, session)],
    // In the same transaction as the session: no session without its audit event, whatever crashes when.
    audit: { chainId: 'system', actor: `admin:${link.email}`, action: 'admin.signedIn', target: `admin:${link.email}`, sourceIp: source.ip, userAgent: source.userAgent },
  });
  return { sessionId, session };
}

/** The live session of an id, or undefined (unknown, expired, or no longer allowed). */
export async function sessionOf(deps: CycleDeps, sessionId: string | undefined, at: Date): Promise<AdminSession | undefined> {
  if (!sessionId || !/^[A-Za-z0-9_-]{43}$/.test(sessionId)) return undefined;
  const item = await getSessionItem(deps.store, sessionId);
  if (!item || String(item.expiresAt) <= at.toISOString()) return undefined;
  const email = String(item.email);
  return allowedAdmins().includes(email) ? { email, expiresAt: String(item.expiresAt) } : undefined;
}

export async function signOut(deps: CycleDeps, sessionId: string): Promise<void> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(sessionId)) return;
  await deleteSession(deps.store, sessionId);
}
