/**
 * The workflow's tally of a ballot round ("kiểm phiếu"), or of the rounds a conference recorded, and the
 * bloc's proposal once the flag is settled. It reads the stored ballots or record, computes with the domain
 * core, and stores each result once (a retry reads it back). Apart from steps.ts because it emails (the
 * conference's summary, the request for the dossier's files).
 */
import { appendAuditEvent } from '../audit/trail.js';
import {
  countedBallots,
  currentLeader,
  higherAwardProposals,
  isSecretBallotMarker,
  leaderDecisionSchema,
  meetingLeaders,
  meetingRecordSchema,
  meetingRounds,
  openSeats,
  proposalFrom,
  tallyRound,
  tallySecretRound,
  type Ballot,
  type BallotQuestions,
  type CycleConfig,
  type LeaderDecision,
  type LeadersElection,
  type MeetingRecord,
  type Proposal,
  type VoteRound,
} from '../domain/index.js';
import { getForm, listForms } from '../store/forms.js';
import { listBlocHistory } from '../store/history.js';
import type { CycleDeps } from '../shared/deps.js';
import { loadCycleConfig, loadCycleDossier, loadWindow, type PhaseWindowRecord } from './context.js';
import { CycleStateError } from './errors.js';
import { askForFiles } from './files-request.js';
import { meetingContext } from './forms.js';
import { sendConferenceSummary } from './meeting-mail.js';
import type { CycleOf } from './notify.js';
import { RESULT_NAMES, firstResultOp, once, requireResult, type ScoresResult } from './results.js';

/**
 * Tallies ballot round `round` ("kiểm phiếu"), or with `leaderDecision` applies the leaders' decision
 * after the last round. When the flag is settled, stores the bloc's proposal.
 */
export async function tallyVotes(
  deps: CycleDeps,
  input: { cycleId: string; round: number; leaderDecision?: boolean; at: Date },
): Promise<{ outcome: VoteRound['outcome']['kind']; round: number }> {
  const { store } = deps;
  const cycle = await loadCycleConfig(store, input.cycleId);
  const { config } = cycle;
  const scores = await requireResult<ScoresResult>(store, input.cycleId, RESULT_NAMES.scores);
  // A conference's record: its rounds were counted in the room, and it elected the leaders.
  const meeting = await meetingOf(deps, config, input.cycleId);
  if (meeting && !input.leaderDecision) return tallyMeeting(deps, { ...input, config, scores, ...meeting }, cycle);
  const rounds: VoteRound[] = [];
  for (let r = 1; r < input.round; r++) rounds.push(await requireResult<VoteRound>(store, input.cycleId, RESULT_NAMES.vote(r)));
  const current = await storeRound(deps, input.cycleId, input.round, async () => {
    const window = await loadWindow(store, input.cycleId, 'vote', input.round);
    if (!window?.ballot) throw new CycleStateError(`ballot round ${input.round} was never opened`, 'round');
    const questions: BallotQuestions = { memberIds: config.bloc.units.map((u) => u.id), ...window.ballot };
    const previous = rounds.at(-1);
    const round = { round: input.round, questions, rules: config.rules, seats: openSeats(scores.nominations, previous), winnersSoFar: previous?.outcome.winners ?? [] };
    const secret = await secretRoundOf(deps, config, input.cycleId, input.round);
    if (secret) return tallySecretRound({ ...round, voters: secret.voters, ballots: secret.ballots, uncounted: secret.uncounted });
    const ballots = (await listForms<Ballot>(store, input.cycleId, 'vote', input.round)).flatMap((f) => (f.submitted ? [{ unitId: f.unitId, ballot: f.submitted }] : []));
    return tallyRound({ ...round, ballots });
  }, input.at);
  rounds.push(current);
  if (current.outcome.kind !== 'decided' && !input.leaderDecision) return { outcome: current.outcome.kind, round: input.round };
  let leaderDecision: LeaderDecision | undefined;
  if (input.leaderDecision) {
    const candidates = current.outcome.kind === 'decided' ? [] : current.outcome.candidates;
    const form = await getForm(store, { cycleId: input.cycleId, phase: 'leaderDecision', round: input.round, unitId: currentLeader(config.bloc) });
    // Without the leaders' decision by its deadline, the undecided flag is not proposed.
    leaderDecision = form?.submitted !== undefined ? leaderDecisionSchema(candidates).parse(form.submitted) : undefined;
  }
  const firstRoundBallots = (await secretRoundOf(deps, config, input.cycleId, 1))?.ballots ?? (await listForms<Ballot>(store, input.cycleId, 'vote', 1)).flatMap((f) => (f.submitted ? [f.submitted] : []));
  await storeProposal(deps, cycle, input, proposalFrom({ bloc: config.bloc, rows: scores.rows, nominations: scores.nominations, rounds, firstRoundBallots, leaderDecision, leaders: meeting?.leaders, equalOrder: meeting?.record?.equalOrder.map((d) => d.unitIds), preferWomenLed: config.rules.preferWomenLedOnTie }));
  return { outcome: 'decided', round: input.round };
}

/**
 * A round of the online secret ballot as the dossier reads it: the voters, and apart the anonymous ballots
 * that count (domain/secret-ballot.ts). Undefined for a round of open ballots (cast before ballots were secret).
 */
async function secretRoundOf(deps: CycleDeps, config: CycleConfig, cycleId: string, round: number): Promise<{ voters: string[]; ballots: Ballot[]; uncounted: number } | undefined> {
  if (config.rules.voteMode !== 'online') return undefined;
  const dossier = await loadCycleDossier(deps.store, cycleId);
  const secret = dossier.vote.secret.find((r) => r.round === round);
  if (!secret) {
    // No secret ballot was cast: a round with no open ballot either is a secret round nobody voted in.
    const open = (await listForms(deps.store, cycleId, 'vote', round)).some((f) => f.submitted !== undefined && !isSecretBallotMarker(f.submitted));
    return open ? undefined : { voters: [], ballots: [], uncounted: 0 };
  }
  const counted = countedBallots(secret.ballots, secret.voters.length);
  return { voters: secret.voters, ballots: counted.ballots.map((b) => b.choices), uncounted: counted.unfinished };
}

/** Stores a round's tally once, with its audit event (a retry reads the stored one back). */
function storeRound(deps: CycleDeps, cycleId: string, n: number, tally: () => Promise<VoteRound>, at: Date): Promise<VoteRound> {
  return once<VoteRound>(deps.store, cycleId, RESULT_NAMES.vote(n), async () => {
    const round = await tally();
    const audit = { chainId: cycleId, actor: 'workflow', action: 'vote.tallied', target: `vote:${n}`, at, after: { flag: round.flag, certificate: round.certificate, outcome: round.outcome } };
    await appendAuditEvent(deps.store, audit, [firstResultOp(deps.store, cycleId, RESULT_NAMES.vote(n), round, at)]);
    return round;
  });
}

/**
 * Stores the bloc's proposal once, with the higher awards its units' history earns (units that lead year
 * after year, as the rules name), then asks the nominees and the leader for the dossier's files.
 */
async function storeProposal(deps: CycleDeps, cycle: CycleOf, input: { cycleId: string; at: Date }, made: Proposal): Promise<void> {
  const { config } = cycle;
  const proposal = await once<Proposal>(deps.store, input.cycleId, RESULT_NAMES.proposal, async () => {
    const history = config.rules.higherAwards.length > 0 ? await listBlocHistory(deps.store, config.bloc.id) : [];
    const higher = higherAwardProposals({ year: Number(config.timeline.year), rules: config.rules.higherAwards, proposed: made, history });
    const proposal = higher.length > 0 ? { ...made, higher } : made;
    await appendAuditEvent(
      deps.store,
      { chainId: input.cycleId, actor: 'workflow', action: 'proposal.made', target: `cycle:${input.cycleId}`, at: input.at, after: proposal },
      [firstResultOp(deps.store, input.cycleId, RESULT_NAMES.proposal, proposal, input.at)],
    );
    return proposal;
  });
  await askForFiles(deps, cycle, proposal, input.at);
}

/** The conference's record, when the bloc votes at its conference: its rounds and the leaders it elected (none if never recorded). */
async function meetingOf(
  deps: CycleDeps,
  config: CycleConfig,
  cycleId: string,
): Promise<{ window: PhaseWindowRecord; rounds: VoteRound[]; leaders?: LeadersElection; record?: MeetingRecord } | undefined> {
  const window = await loadWindow(deps.store, cycleId, 'vote', 1);
  if (!window?.meeting) return undefined;
  const form = await getForm(deps.store, { cycleId, phase: 'vote', round: 1, unitId: window.actors[0]! });
  if (form?.submitted === undefined) return { window, rounds: [] };
  const ctx = meetingContext(config, window.meeting);
  const record = meetingRecordSchema(ctx).parse(form.submitted);
  return { window, rounds: meetingRounds(record, ctx), leaders: meetingLeaders(record, config.bloc), record };
}

/**
 * Stores each round the conference held, as the online ballot's rounds are stored; the flag is settled,
 * or left to the leaders after the last round. A conference never recorded proposes nothing.
 */
async function tallyMeeting(
  deps: CycleDeps,
  input: { cycleId: string; at: Date; config: CycleConfig; scores: ScoresResult; window: PhaseWindowRecord; rounds: VoteRound[]; leaders?: LeadersElection | undefined; record?: MeetingRecord | undefined },
  cycle: CycleOf,
): Promise<{ outcome: VoteRound['outcome']['kind']; round: number }> {
  // Everyone has the record's summary (sent once: the secretary's submission queued it already, unless it died first).
  if (input.record) await sendConferenceSummary(deps, cycle, input.window, input.record, input.at);
  for (const round of input.rounds) await storeRound(deps, input.cycleId, round.round, async () => round, input.at);
  const last = input.rounds.at(-1);
  if (last && last.outcome.kind !== 'decided') return { outcome: last.outcome.kind, round: last.round };
  const { config, scores } = input;
  await storeProposal(deps, cycle, input, proposalFrom({ bloc: config.bloc, rows: scores.rows, nominations: scores.nominations, rounds: input.rounds, firstRoundBallots: [], leaders: input.leaders, equalOrder: input.record?.equalOrder.map((d) => d.unitIds), preferWomenLed: config.rules.preferWomenLedOnTie }));
  return { outcome: 'decided', round: last?.round ?? 1 };
}
