/**
 * After the vote (SPEC §1 "Afterwards", issue 17): the dossier the bloc sends needs each nominee's
 * achievement report ("báo cáo thành tích") and the signed, sealed scans of the minutes and the proposal.
 * Each nominee, and the leader unit (whose officer is the bloc's secretary), gets one email with a link to
 * a page where it uploads exactly those files. Sent once per unit, even when the step is retried: a link is
 * issued only while its email has not been queued yet.
 */
import { PLAN, currentLeader, type CyclePlan, type Proposal } from '../domain/index.js';
import { createLink } from '../links/links.js';
import { getOutboxEntry } from '../mail/outbox.js';
import type { CycleDeps } from '../shared/deps.js';
import { common, queue, recipientOf, type CycleOf } from './notify.js';
import { readResult } from './results.js';

type AskedFile = 'achievementReport' | 'signedMinutes' | 'signedProposal';

/** Who is asked for what: every nominee its report; the leader unit the signed scans. */
export function filesAsked(cycle: CycleOf, proposal: Proposal): Map<string, AskedFile[]> {
  const asked = new Map<string, AskedFile[]>();
  for (const unitId of new Set([...proposal.flag, ...proposal.certificate])) asked.set(unitId, ['achievementReport']);
  const leader = currentLeader(cycle.config.bloc);
  asked.set(leader, [...(asked.get(leader) ?? []), 'signedMinutes', 'signedProposal']);
  return asked;
}

/** Emails each unit asked for files its link; the link lasts as long as the cycle's workflow may. */
export async function askForFiles(deps: CycleDeps, cycle: CycleOf, proposal: Proposal, at: Date): Promise<void> {
  const plan = await readResult<CyclePlan>(deps.store, cycle.cycleId, PLAN);
  const expiresAt = new Date(plan ? Date.parse(plan.lastCapAt) : at.getTime() + 365 * 86_400_000);
  for (const [unitId, files] of filesAsked(cycle, proposal)) {
    const recipient = recipientOf(cycle.config, unitId);
    const key = { cycleId: cycle.cycleId, kind: 'filesRequest' as const, recipient, round: 'files.1' };
    if (await getOutboxEntry(deps.store, key)) continue;
    const { id } = await createLink(deps.store, { purpose: 'dossierFiles', cycleId: cycle.cycleId, unitId, round: 1, files }, { expiresAt, now: at, singleUse: false });
    await queue(deps, cycle, 'filesRequest', recipient, key.round, { ...common(cycle, unitId), files, link: `${deps.publicUrl}/l/${id}/files` }, at);
  }
}
