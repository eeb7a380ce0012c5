/**
 * The bloc's dossier as the approver and the admin read it (SPEC §3.7): the ranking with totals and
 * classification, the per-criterion scores with cross-check corrections, the ballot rounds' tallies, the
 * proposal and its revisions.
 */
import { criteriaOf, type CycleConfig, type Proposal, type VoteRound } from '../domain/index.js';
import { RESULT_NAMES, readResult, type FinalResult, type ScoresResult } from '../cycle/results.js';
import { withdrawnUnits } from '../cycle/publish.js';
import type { CycleDeps } from '../shared/deps.js';
import { listApprovalRounds, type ApprovalRound } from '../store/approvals.js';
import { listForms } from '../store/forms.js';

export interface Dossier {
  units: Record<string, string>;
  scores?: ScoresResult | undefined;
  criteria: { code: string; title: string; kind: string; maxPoints: number }[];
  rounds: VoteRound[];
  proposal?: Proposal | undefined;
  withdrawn: string[];
  approvals: ApprovalRound[];
  revisions: { round: number; response: string; withdraw: string[] }[];
  final?: FinalResult | undefined;
  /** The award each unit is proposed for (after withdrawals), for the ranking table. */
  awards: Record<string, 'flag' | 'certificate'>;
}

export async function loadDossier(deps: CycleDeps, cycleId: string, config: CycleConfig): Promise<Dossier> {
  const { store } = deps;
  const rounds: VoteRound[] = [];
  for (let round = 1; ; round++) {
    const tally = await readResult<VoteRound>(store, cycleId, RESULT_NAMES.vote(round));
    if (!tally) break;
    rounds.push(tally);
  }
  const proposal = await readResult<Proposal>(store, cycleId, RESULT_NAMES.proposal);
  const withdrawn = await withdrawnUnits(deps, cycleId);
  const revisions = (await listForms<{ response: string; withdraw: string[] }>(store, cycleId, 'revision')).flatMap((f) =>
    f.submitted ? [{ round: f.round, ...f.submitted }] : [],
  );
  const awards: Dossier['awards'] = {};
  for (const id of proposal?.certificate ?? []) if (!withdrawn.includes(id)) awards[id] = 'certificate';
  for (const id of proposal?.flag ?? []) if (!withdrawn.includes(id)) awards[id] = 'flag';
  return {
    units: Object.fromEntries(config.bloc.units.map((u) => [u.id, u.name])),
    scores: await readResult<ScoresResult>(store, cycleId, RESULT_NAMES.scores),
    criteria: criteriaOf(config.sheet).map(({ code, title, kind, maxPoints }) => ({ code, title, kind, maxPoints })),
    rounds,
    proposal,
    withdrawn,
    approvals: await listApprovalRounds(store, cycleId),
    revisions,
    final: await readResult<FinalResult>(store, cycleId, RESULT_NAMES.final),
    awards,
  };
}
