/**
 * The online secret ballot ("bỏ phiếu kín trực tuyến", SPEC §3.6). Who has voted and what was chosen are
 * stored apart and nothing stored links them; the one thing that does is the voter's receipt code, which
 * only the voter holds. From the code come two unrelated digests (different domain prefixes, so neither
 * can be computed from the other): the anonymous ballot's key, and the commitment kept on the voter's
 * "has voted" marker. docs/rules.md tells the whole design and its trade-offs.
 */
import { createHash, randomBytes } from 'node:crypto';
import * as z from 'zod';
import type { Ballot } from './forms.js';

/** Crockford's base32 alphabet: no I, L, O or U, so a code read aloud or retyped is not misread. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const GROUPS = 6;
const GROUP = 4;

/**
 * A fresh receipt code: 120 bits from the CSPRNG as six groups of four characters ("7K2M-…"). The ballot page
 * carries one, so a double click or a retried request sends the same code and stores the same ballot.
 */
export function newReceiptCode(): string {
  const bytes = randomBytes(GROUPS * GROUP);
  const chars = [...bytes].map((b) => ALPHABET[b & 31]!);
  return Array.from({ length: GROUPS }, (_, i) => chars.slice(i * GROUP, (i + 1) * GROUP).join('')).join('-');
}

/** A receipt code as typed: case, spaces and dashes do not matter; anything else is not a code. */
export const ReceiptCodeSchema = z
  .string()
  .transform((text) => text.toUpperCase().replace(/[\s-]/g, ''))
  .refine((text) => new RegExp(`^[${ALPHABET}]{${GROUPS * GROUP}}$`).test(text), { error: 'must be a receipt code of 24 letters and digits' })
  .transform((text) => text.match(new RegExp(`.{${GROUP}}`, 'g'))!.join('-'));

const digest = (purpose: string, code: string) => createHash('sha256').update(`${purpose}:${code}`).digest('base64url');

/** The anonymous ballot's id: published with the ballot, found again from the code by its holder. */
export const ballotIdOf = (code: string) => digest('thidua-ballot', code);

/** What the voter's marker keeps of the code: lets the voter's own retry finish a ballot, links to nothing else. */
export const commitmentOf = (code: string) => digest('thidua-voter', code);

/** An anonymous ballot as stored: its id and its choices, no voter, no time; `pending` until its voter's marker is stored. */
export interface AnonymousBallot {
  id: string;
  round: number;
  choices: Ballot;
  status: 'pending' | 'counted';
}

/** The "has voted" marker a secret ballot leaves in the voter's form: no choice, only the commitment. */
export const SecretBallotMarkerSchema = z.object({ secretBallot: z.literal(true), commitment: z.string().min(1) });
export type SecretBallotMarker = z.infer<typeof SecretBallotMarkerSchema>;

/** Whether a stored vote form is a secret ballot's marker (and not an open ballot or a meeting record). */
export const isSecretBallotMarker = (data: unknown): data is SecretBallotMarker => SecretBallotMarkerSchema.safeParse(data).success;

/**
 * The ballots a round counts. Counted ballots always. A pending ballot is one whose request stopped before it
 * was marked counted: either its voter's marker was stored (a crash after it: the ballot must count) or never
 * (a crash before it: the voter may have voted again with another code: it must not). Which is which cannot be
 * told (that would be a link), but how many can: voters minus counted ballots are the unfinished ones. When
 * every pending ballot is needed to make up that number, they are exactly the unfinished ones and count; when
 * there are more pending than unfinished, they stay uncounted and the round says how many ballots were lost.
 */
export function countedBallots(ballots: readonly AnonymousBallot[], voters: number): { ballots: AnonymousBallot[]; unfinished: number } {
  const counted = ballots.filter((b) => b.status === 'counted');
  const pending = ballots.filter((b) => b.status === 'pending');
  const unfinished = Math.max(0, voters - counted.length);
  const recovered = unfinished > 0 && pending.length === unfinished ? pending : [];
  return { ballots: [...counted, ...recovered].sort((a, b) => (a.id < b.id ? -1 : 1)), unfinished: unfinished - recovered.length };
}
