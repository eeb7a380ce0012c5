/**
 * How a submission reads back in a receipt ("bản sao nội dung đã nộp"), on the receipt page and in the
 * receipt email alike: the form's labels from the phrase book, in the form's order, numbers and dates
 * through the one formatter, and the self-assessment's totals. Never a field name or a raw value.
 */
import {
  criteriaOf,
  formatLocalDate,
  formatNumber,
  formatPoints,
  formatScore,
  formatSittingTime,
  guestText,
  isSecretBallotMarker,
  presentUnits,
  scoreUnit,
  type ApprovalDecision,
  type Ballot,
  type Criterion,
  type CrossCheckItem,
  type CycleConfig,
  type LeaderDecision,
  type ConferenceRecord,
  isYearEnd,
  type PledgeConfirmation,
  type Revision,
  type ScoreEntry,
  type TaskPhase,
  type UnitScore,
} from '../domain/index.js';
import { PHRASES } from '../shared/phrases.js';
import { queueEmail, recipientOf, unitName, type CycleOf } from './notify.js';
import type { TaskRef } from '../store/tasks.js';
import type { CycleDeps } from '../shared/deps.js';

/** One line of a receipt: what the form asked, and what the unit answered. */
export interface ReceiptEntry {
  label: string;
  value: string;
}

type Lang = keyof typeof PHRASES;
const withNote = (value: string, note: string | undefined) => (note ? `${value} — ${note}` : value);

/** A submission of `phase` as receipt lines in `lang` (the cycle's language for emails, the page's for pages). */
export function receiptEntries(phase: TaskPhase, config: CycleConfig, data: Record<string, unknown>, lang: Lang = config.language): ReceiptEntry[] {
  const t = PHRASES[lang];
  const name = (id: string) => unitName(config, id);
  // A conference's record stands for its phase's forms: the secretary's sitting, whatever the phase.
  if ('attendance' in data) return meetingEntries(config, data as unknown as ConferenceRecord, lang);
  switch (phase) {
    case 'pledge': {
      const pledge = data as PledgeConfirmation;
      return [
        { label: t.pledgeAccept, value: pledge.accepted ? t.yes : t.none },
        { label: t.signerName, value: pledge.signerName },
        { label: t.signerTitle, value: pledge.signerTitle },
        ...(pledge.note ? [{ label: t.note, value: pledge.note }] : []),
      ];
    }
    case 'midYear':
    case 'selfAssessment':
      return assessmentEntries(config, (data as { scores: Record<string, ScoreEntry> }).scores, lang);
    case 'crossCheck': {
      const items = (data as { items: Record<string, CrossCheckItem> }).items;
      return criteriaOf(config.sheet)
        .filter((c) => items[c.code] !== undefined)
        .map((c) => {
          const item = items[c.code]!;
          const count = item.verdict === 'correct' && c.perOccurrence !== undefined ? `${formatNumber(item.count ?? 0, lang)} ${t.times}: ` : '';
          const value = item.verdict === 'confirm' ? t.answered.confirm : `${t.correctedTo} ${count}${formatScore(item.points, c.maxPoints, lang)} — ${item.reason}`;
          return { label: `${c.code}. ${c.title}`, value };
        });
    }
    case 'vote': {
      // A secret ballot's receipt says it was received, never what it holds.
      if (isSecretBallotMarker(data)) return [{ label: t.secretBallot, value: t.secretBallotReceived }];
      const ballot = data as Ballot;
      const answer = (ok: boolean | undefined) => (ok ? t.answered.approve : t.answered.notApprove);
      return [
        ...Object.entries(ballot.flag).map(([id, ok]) => ({ label: `${t.flag}: ${name(id)}`, value: answer(ok) })),
        ...Object.entries(ballot.certificate).map(([id, ok]) => ({ label: `${t.certificate}: ${name(id)}`, value: answer(ok) })),
        ...(ballot.leaderUnitId ? [{ label: t.nextLeader, value: name(ballot.leaderUnitId) }] : []),
        ...(ballot.deputyUnitId ? [{ label: t.nextDeputy, value: name(ballot.deputyUnitId) }] : []),
      ];
    }
    case 'leaderDecision': {
      const decision = data as LeaderDecision;
      return [
        { label: t.leaderDecisionLabel, value: decision.flagUnitId ? name(decision.flagUnitId) : t.noFlagShort },
        { label: t.reason, value: decision.reason },
      ];
    }
    case 'approval': {
      const decision = data as ApprovalDecision;
      if (decision.decision === 'return') return [{ label: t.decision, value: t.answered.returnDossier }, { label: t.returnedReason, value: decision.reason }];
      return [
        { label: t.decision, value: t.answered.approveDossier },
        ...(decision.decisionNumber ? [{ label: t.decisionNumber, value: decision.decisionNumber }] : []),
        ...(decision.decisionDate ? [{ label: t.decisionDate, value: formatLocalDate(decision.decisionDate) }] : []),
      ];
    }
    case 'revision': {
      const revision = data as Revision;
      return [{ label: t.response, value: revision.response }, ...(revision.withdraw.length ? [{ label: t.withdraw, value: revision.withdraw.map(name).join(', ') }] : [])];
    }
  }
}

/**
 * Each scored criterion as "points/max — note" in the sheet's order (a bonus or penalty row left blank as
 * 0 where the sheet says blank means 0), then the standard, bonus, penalty and total.
 */
function assessmentEntries(config: CycleConfig, scores: Record<string, ScoreEntry>, lang: Lang): ReceiptEntry[] {
  const t = PHRASES[lang];
  const counted = (c: Criterion, count: number | undefined) => (c.perOccurrence !== undefined ? `${formatNumber(count ?? 0, lang)} ${t.times}: ` : '');
  const blankIsZero = (kind: string) => config.sheet.blankMeansZero === true && kind !== 'standard';
  const lines = criteriaOf(config.sheet)
    .filter((c) => scores[c.code] !== undefined || blankIsZero(c.kind))
    .map((c) => ({ label: `${c.code}. ${c.title}`, value: withNote(counted(c, scores[c.code]?.count) + formatScore(scores[c.code]?.points ?? 0, c.maxPoints, lang), scores[c.code]?.note) }));
  const sum = scoreUnit(config.sheet, '', scores, undefined);
  const capped = sum.bonusClaimed > sum.bonus;
  const bonus = capped ? `${formatPoints(sum.bonus, lang)} (${t.claimed} ${formatPoints(sum.bonusClaimed, lang)}, ${t.countedUpTo} ${formatNumber(config.sheet.bonusCap, lang)})` : formatPoints(sum.bonus, lang);
  return [
    ...lines,
    { label: t.standard, value: formatPoints(sum.standard, lang) },
    { label: t.bonus, value: bonus },
    { label: t.penalty, value: formatPoints(sum.penalty, lang) },
    { label: t.total, value: totalWithCap(sum, lang) },
  ];
}

/** The total, and where the sheet's scale cut it, what it added up to: "1.000 (cộng được 1.011,75, tính tối đa bằng thang điểm 1.000)". */
export function totalWithCap(score: Pick<UnitScore, 'total' | 'uncapped'>, lang: Lang): string {
  if (score.uncapped <= score.total) return formatPoints(score.total, lang);
  const capped = PHRASES[lang].totalCapped.replace('{uncapped}', formatPoints(score.uncapped, lang)).replace('{scale}', formatPoints(score.total, lang));
  return `${formatPoints(score.total, lang)} (${capped})`;
}

/**
 * A conference's record as receipt lines: when and where, its host, who chaired it and who kept the minutes
 * (by name and title: they sign them), who came, the agenda; at the year-end one each round's tally, the
 * decisions, the leaders.
 */
function meetingEntries(config: CycleConfig, record: ConferenceRecord, lang: Lang): ReceiptEntry[] {
  const t = PHRASES[lang];
  const name = (id: string) => unitName(config, id);
  const person = (p: { name: string; title: string }) => `${p.name}, ${p.title}`;
  const units = presentUnits(record);
  // In the bloc's order of units: a record read back from the table keeps no order of its tallies.
  const order = (id: string) => config.bloc.units.findIndex((u) => u.id === id);
  const tally = (counts: Record<string, number>) => Object.entries(counts).sort(([a], [b]) => order(a) - order(b)).map(([id, n]) => `${name(id)}: ${n}`);
  const sitting = [
    { label: t.meetingHeld, value: `${formatSittingTime(record.heldAt, lang)}, ${record.place}` },
    { label: t.meeting.hostUnit, value: name(record.hostUnitId) },
    { label: t.meeting.chair, value: person(record.chair) },
    { label: t.meeting.secretary, value: person(record.secretary) },
    { label: t.meetingAttended, value: `${units.length}/${config.bloc.units.length} (${record.attendance.length})` },
    ...(record.guests.length > 0 ? [{ label: t.meetingGuests, value: record.guests.map(guestText).join('; ') }] : []),
  ];
  if (!isYearEnd(record)) {
    return [
      ...sitting,
      ...record.agenda.map((a) => ({ label: a.item, value: a.adopted ? t.meeting.agendaAdopted : t.meeting.agendaNotAdopted })),
      ...(record.kind === 'pledge' ? [{ label: t.meeting.signedAtSitting, value: record.pledgeSigners.length > 0 ? record.pledgeSigners.map(name).join(', ') : t.none }] : []),
    ];
  }
  return [
    ...sitting,
    ...record.rounds.map((round, i) => ({
      label: `${t.meetingRound} ${i + 1}`,
      value: [...tally(round.flag).map((x) => `${t.flag} ${x}`), ...tally(round.certificate).map((x) => `${t.certificate} ${x}`), ...(round.writtenVoters.length > 0 ? [`${round.writtenVoters.length} ${t.meetingWritten}`] : [])].join('; '),
    })),
    ...record.equalOrder.map((d) => ({ label: t.meetingEqualOrder, value: `${d.unitIds.map(name).join(' → ')}: ${d.reason}` })),
    { label: t.nextLeader, value: name(record.nextLeaderUnitId) },
    { label: t.nextDeputy, value: name(record.nextDeputyUnitId) },
    { label: t.meetingPledge, value: record.pledgeSigned ? t.yes : t.none },
  ];
}

/** The receipt of a submission ("phiếu xác nhận đã nhận"), queued as a write of the submission's transaction. */
export function receiptEmail(
  deps: CycleDeps,
  cycle: CycleOf,
  ref: TaskRef & { phase: TaskPhase; round: number },
  data: Record<string, unknown>,
  about: {
    submissionNumber: number;
    /** Until when the unit may still change what it sent. */
    changeableUntil: string | undefined;
    /** A cross-check's checked unit: the receipt says whose scores were checked. */
    checkedUnitId?: string | undefined;
  },
  at: Date,
) {
  const receipt = {
    recipientName: unitName(cycle.config, ref.unitId),
    blocName: cycle.config.bloc.name,
    year: cycle.year,
    phase: ref.phase,
    submittedAt: at.toISOString(),
    entries: receiptEntries(ref.phase, cycle.config, data),
    ...(about.changeableUntil ? { deadline: about.changeableUntil } : {}),
    // A secretary's record reads as the conference's minutes, never as the phase's form ("bình xét, suy tôn").
    ...('attendance' in data ? { conference: (data as unknown as ConferenceRecord).kind } : {}),
    ...(about.checkedUnitId ? { checkedUnitName: unitName(cycle.config, about.checkedUnitId) } : {}),
  };
  return queueEmail(deps, cycle, 'receipt', recipientOf(cycle.config, ref.unitId), `${ref.phase}.${ref.round}.${about.submissionNumber}`, receipt, at);
}
