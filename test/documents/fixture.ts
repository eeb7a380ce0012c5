/**
 * A dossier computed by the domain functions alone, without a database (the cycle's records built in
 * memory, then the read model's pure build): the builders' plain input, for tests of a single behaviour
 * (the header style, the diacritics) that need no whole cycle.
 */
import {
  ballotQuestions,
  BlocRulesSchema,
  defaultBlocRules,
  defaultCriteriaSheet,
  meetingLeaders,
  meetingRecordSchema,
  meetingRounds,
  nominate,
  pinConfig,
  proposalFrom,
  scoreBloc,
  sittingRecordSchema,
  tallyRound,
  TimelineSchema,
  type Ballot,
  type Bloc,
  type BlocRulesInput,
  type CriteriaSheet,
  type ScoreEntry,
} from '../../functions/domain/index.js';
import { dossierOf, isScored, type ScoredDossier } from '../../functions/dossier/index.js';
import type { CycleView } from '../../functions/store/cycle-view.js';
import { TIMELINE_2026 } from '../cycle/fixtures.js';
import { partyBloc, submissionFor } from '../domain/fixtures.js';
import { CONFERENCE_TOTALS, conferenceRecord, sittingRecord } from '../domain/meeting-fixture.js';

/** Another sheet and the units' submissions on it, for a dossier scored on that sheet. */
export interface PlainScoring {
  sheet: CriteriaSheet;
  submissions: Record<string, Record<string, ScoreEntry>>;
}

export function plainDossier(bloc: Bloc = partyBloc(), rules?: BlocRulesInput, scoring?: PlainScoring): ScoredDossier {
  const dossier = dossierOf(plainCycleView(bloc, rules, scoring));
  if (!isScored(dossier)) throw new Error('the plain dossier is scored');
  return dossier;
}

/** The cycle's records as one query of its partition returns them: scored, voted in one round, sent to the province once. */
export function plainCycleView(bloc: Bloc = partyBloc(), rules?: BlocRulesInput, scoring?: PlainScoring): CycleView {
  const config = pinConfig({
    bloc,
    sheet: scoring?.sheet ?? defaultCriteriaSheet,
    rules: rules ? BlocRulesSchema.parse(rules) : defaultBlocRules,
    timeline: TimelineSchema.parse(TIMELINE_2026),
    approverEmail: 'ban-tdkt@example.gov.vn',
    adminEmails: ['admin@example.gov.vn'],
  });
  const submissions = scoring?.submissions ?? Object.fromEntries(bloc.units.map((u, i) => [u.id, submissionFor(995 - 5 * i, i === 0 ? { 'V.1': 10, 'VI.1': 5 } : {})]));
  const rows = scoreBloc({ bloc, sheet: config.sheet, rules: config.rules, submissions, crossChecks: {} });
  const nominations = nominate(rows, config.rules);
  const memberIds = bloc.units.map((u) => u.id);
  const questions = ballotQuestions(memberIds, nominations);
  const ballots = memberIds.map((unitId) => ({
    unitId,
    ballot: {
      flag: Object.fromEntries(questions.flagCandidates.map((id) => [id, true])),
      certificate: Object.fromEntries(questions.certificateNominees.map((id) => [id, true])),
      leaderUnitId: memberIds[1],
      deputyUnitId: memberIds[2],
    } satisfies Ballot,
  }));
  const round = tallyRound({ round: 1, questions, ballots, rules: config.rules, seats: nominations.flag.seats, winnersSoFar: [] });
  const proposal = proposalFrom({ bloc, rows, nominations, rounds: [round], firstRoundBallots: ballots.map((b) => b.ballot) });
  const window = { phase: 'vote', round: 1, opensAt: '2026-11-30T17:00:00.000Z', deadlineAt: '2026-12-10T16:59:59.000Z', capAt: '2026-12-17T16:59:59.000Z', actors: memberIds, closedAt: '2026-12-05T03:00:00.000Z' };
  const stored = (name: string, data: unknown, at = '2026-11-30T17:00:00.000Z') => ({ name, data, version: 1, createdAt: at, updatedAt: at });
  return {
    cycle: { cycleId: 'plain', blocId: bloc.id, year: 2026, phase: 'approval', status: 'running', config, version: 1, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-12-10T17:00:00.000Z' },
    tasks: [],
    forms: [],
    results: [
      stored('scores', { rows, nominations, crossChecks: {}, computedAt: '2026-11-30T17:00:00.000Z' }),
      stored('vote.1', round),
      stored('window.vote.1', window),
      stored('proposal', proposal, '2026-12-05T03:00:00.000Z'),
    ],
    approvals: [{ cycleId: 'plain', round: 1, status: 'pending', requestedAt: '2026-12-10T17:00:00.000Z', version: 1 }],
    files: [],
    ballots: [],
  };
}

/** What {@link conferenceDossier} varies: the bloc, its totals, the year-end record's fields, the conferences recorded before. */
export interface ConferenceOptions {
  bloc?: Bloc;
  rules?: BlocRulesInput;
  /** Each unit's total (CONFERENCE_TOTALS unless given). */
  totals?: Record<string, number>;
  /** Fields of the year-end record that differ from meeting-fixture.ts's. */
  record?: Record<string, unknown>;
  /** The pledge and mid-year conferences the bloc also held and recorded (meeting-fixture.ts's sittings). */
  sittings?: Array<'pledge' | 'midYear'>;
}

/**
 * A bloc that voted at its year-end conference by secret paper ballot, as its secretary recorded it: the
 * rounds and the proposal computed from the record as the cycle's steps compute them, without a database.
 */
export function conferenceDossier(options: ConferenceOptions = {}): ScoredDossier {
  const bloc = options.bloc ?? partyBloc();
  const plans = { pledge: { opensOn: '2026-01-05', deadlineOn: '2026-01-20', conference: { on: '2026-01-15', at: '14:00' } }, midYear: { opensOn: '2026-06-15', deadlineOn: '2026-07-10', conference: { on: '2026-07-08' } } };
  const sittings = options.sittings ?? [];
  const config = pinConfig({
    bloc,
    sheet: defaultCriteriaSheet,
    rules: BlocRulesSchema.parse({ voteMode: 'secretBallot', ...options.rules }),
    timeline: TimelineSchema.parse({ ...TIMELINE_2026, ...Object.fromEntries(sittings.map((kind) => [kind, plans[kind]])) }),
    approverEmail: 'ban-tdkt@example.gov.vn',
    adminEmails: ['admin@example.gov.vn'],
  });
  const totals = options.totals ?? CONFERENCE_TOTALS;
  const submissions = Object.fromEntries(Object.entries(totals).map(([id, total]) => [id, submissionFor(total)]));
  const rows = scoreBloc({ bloc, sheet: config.sheet, rules: config.rules, submissions, crossChecks: {} });
  const nominations = nominate(rows, config.rules);
  const ctx = { bloc, rules: config.rules, rows, nominations };
  const record = meetingRecordSchema(ctx).parse(conferenceRecord(bloc, options.record));
  const rounds = meetingRounds(record, ctx);
  const proposal = proposalFrom({ bloc, rows, nominations, rounds, firstRoundBallots: [], leaders: meetingLeaders(record, bloc), equalOrder: record.equalOrder.map((d) => d.unitIds), preferWomenLed: config.rules.preferWomenLedOnTie });
  const secretary = record.secretary.unitId;
  const at = '2026-12-03T05:00:00.000Z';
  const stored = (name: string, data: unknown) => ({ name, data, version: 1, createdAt: at, updatedAt: at });
  const form = (phase: string, submitted: unknown) => ({ cycleId: 'conference', phase, round: 1, unitId: secretary, status: 'submitted' as const, data: submitted, submitted, submissions: 1, version: 1, updatedAt: at, submittedAt: at });
  const window = (phase: string, kind: string, extra: object = {}) =>
    stored(`window.${phase}.1`, { phase, round: 1, opensAt: '2026-01-04T17:00:00.000Z', deadlineAt: '2026-12-10T16:59:59.000Z', capAt: '2026-12-17T16:59:59.000Z', actors: [secretary], closedAt: at, meeting: { kind, ...extra } });
  const dossier = dossierOf({
    cycle: { cycleId: 'conference', blocId: bloc.id, year: 2026, phase: 'approval', status: 'running', config, version: 1, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: at },
    tasks: [],
    forms: [form('vote', record), ...sittings.map((kind) => form(kind, sittingRecordSchema(kind, bloc).parse(sittingRecord(bloc, kind, { secretary: record.secretary, chair: record.chair }))))],
    results: [
      stored('scores', { rows, nominations, crossChecks: {}, computedAt: at }),
      ...rounds.map((round) => stored(`vote.${round.round}`, round)),
      window('vote', 'yearEnd', { places: Object.fromEntries(rows.map((r) => [r.unitId, r.place])), nominations }),
      ...sittings.map((kind) => window(kind, kind)),
      stored('proposal', proposal),
    ],
    approvals: [],
    files: [],
    ballots: [],
  });
  if (!isScored(dossier)) throw new Error('the conference dossier is scored');
  return dossier;
}
