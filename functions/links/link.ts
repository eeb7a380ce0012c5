/** What an emailed link stands for: its purpose and the cycle, unit and round it acts on. */
import * as z from 'zod';

/**
 * Purposes of the links a member unit receives, one per form it fills; 'meetingRecord' is the conference
 * secretary's (the leader unit's officer) link to record a conference (the pledge, mid-year or year-end
 * one) in place of the units' forms of its phase.
 */
export const UNIT_LINK_PURPOSES = ['pledge', 'midYear', 'selfAssessment', 'crossCheck', 'ballot', 'meetingRecord', 'leaderDecision', 'revision'] as const;
export const LinkStateSchema = z.enum(['active', 'used', 'revoked']);

const common = {
  expiresAt: z.iso.datetime(),
  state: LinkStateSchema,
  /** A single-use link acts once; a reusable one (a form with drafts) acts until it expires or is revoked. */
  singleUse: z.boolean(),
  uses: z.number().int().nonnegative(),
  createdAt: z.iso.datetime(),
  usedAt: z.iso.datetime().optional(),
  version: z.number().int().positive(),
};

export const LinkSchema = z.discriminatedUnion('purpose', [
  z.object({
    purpose: z.enum(UNIT_LINK_PURPOSES),
    cycleId: z.string().min(1),
    unitId: z.string().min(1),
    round: z.number().int().positive(),
    /** A conference secretary's link (`meetingRecord`): the conference's phase; absent for the year-end conference (the vote). */
    phase: z.enum(['pledge', 'midYear']).optional(),
    ...common,
  }),
  z.object({
    purpose: z.literal('approval'),
    cycleId: z.string().min(1),
    round: z.number().int().positive(),
    approverEmail: z.email(),
    ...common,
  }),
  /** Gửi tệp hồ sơ: a unit adds files of the kinds listed to the bloc's dossier (a nominee its achievement report, the leader the signed scans). */
  z.object({
    purpose: z.literal('dossierFiles'),
    cycleId: z.string().min(1),
    unitId: z.string().min(1),
    round: z.number().int().positive(),
    files: z.array(z.enum(['achievementReport', 'signedMinutes', 'signedProposal'])).min(1),
    ...common,
  }),
  z.object({ purpose: z.literal('adminSignIn'), email: z.email(), ...common }),
]);

export type Link = z.infer<typeof LinkSchema>;
export type LinkPurpose = Link['purpose'];
export type LinkState = z.infer<typeof LinkStateSchema>;
type Narrow<L, P> = L extends { purpose: infer Q } ? (P extends Q ? Omit<L, 'purpose'> & { purpose: P } : never) : never;
/** The link of one purpose, e.g. `LinkOf<'ballot'>` has a unitId and a round. */
export type LinkOf<P extends LinkPurpose> = Narrow<Link, P>;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** What the caller says when issuing a link (purpose and target); state and counters are the store's. */
export type LinkTarget = DistributiveOmit<Link, 'state' | 'uses' | 'createdAt' | 'usedAt' | 'version' | 'singleUse' | 'expiresAt'>;
