/**
 * `npm run demo`: whole cycles run unattended through the product's own doors. The admin signs in by
 * link and starts the cycles; each unit, the bloc leader and the approver open the links in their emails
 * and fill the forms with seeded, realistic answers; the demo only moves the local clock from phase to
 * phase (past each deadline: a phase stays open to it). The result is what the admin console reads back: each bloc's ranking.
 */
import { phaseInstants, type Timeline } from '../../functions/domain/index.js';
import { inPool } from '../../functions/shared/in-pool.js';
import { demoTimeline } from '../demo/index.js';
import { smallPdf } from '../demo/pdf.js';
import { ApiError, type DemoClient, type Mailbox } from './client.js';
import { pledgeConferenceTimeline, recordConference, recordPledgeConference, twinIndex } from './conference.js';
import { crossCheckItems, randomFor, selfScores } from './answers.js';
import { drillBloc, type DrillBlocOptions } from './drill-blocs.js';

export interface SimulationOptions extends DrillBlocOptions {
  /** Requests in flight at once while the units of every bloc act (1: one unit after another). */
  concurrency?: number;
  /**
   * What the run has fixed so far (the timeline). Pass the same object to a second `simulate` after the
   * stack was killed and restarted: every step is idempotent (a used link is skipped, the cycles are
   * found again), so the second call finishes the run with the answers the first would have given.
   */
  progress?: SimulationProgress;
  /**
   * The blocs sign their pledge at a conference (two days before the self-assessment opens), which the
   * secretary records: `npm run demo` plays it; off by default for the drills and benchmarks.
   */
  pledgeConference?: boolean;
  /** Stops when the approval opens, leaving the approver's request unanswered (tests of the approval). */
  stopBeforeApproval?: boolean;
  log?: (line: string) => void;
}

export interface SimulationProgress {
  timeline?: Timeline;
  /** The cycles, once started. */
  cycles?: string[];
}

export interface RankingRow {
  place: number;
  unitId: string;
  unitName: string;
  total: number;
  classification: string;
  award: 'flag' | 'certificate' | null;
}

export interface BlocOutcome {
  blocId: string;
  blocName: string;
  cycleId: string;
  status: string;
  ranking: RankingRow[];
}

const SUBJECT = {
  selfAssessment: /mở giai đoạn tự chấm điểm/,
  crossCheck: /Phân công kiểm tra chéo/,
  ballot: /Phiếu bình xét/,
  meetingRecord: /Ghi biên bản hội nghị tổng kết/,
  pledgeConference: /Ghi biên bản hội nghị ký kết giao ước/,
  leaderDecision: /Trưởng khối quyết định/,
  approval: /Đề nghị phê duyệt/,
  filesRequest: /Đề nghị gửi tệp/,
  revision: /trả lại để hoàn thiện/,
};

/**
 * Polls the mail store until `links` finds at least `count` links (the workflow sends them asynchronously):
 * settled first, then swept too (after a restart the answer that sets the workflow going may be the sweep's).
 */
async function linksWhenSent(client: DemoClient, find: (mailbox: Mailbox) => string[], count: number): Promise<string[]> {
  for (let attempt = 0; ; attempt++) {
    const links = find(await client.mailbox());
    if (links.length >= count || attempt >= 50) return links;
    await (attempt === 0 ? client.settle() : client.sweepAndSettle());
  }
}

/** Blocs for the run: the stored demo bloc for one bloc of nine, generated blocs otherwise. */
async function prepareBlocs(client: DemoClient, options: SimulationOptions): Promise<string[]> {
  if (options.blocs === 1 && options.units === 9) {
    // The seeded bloc votes at its conference (the default); `--vote online` switches it to the online ballot.
    const { blocs } = await client.call<{ blocs: Array<{ id: string; version: number; rules: { voteMode?: string } }> }>('GET', '/api/admin/blocs');
    const seeded = blocs.find((x) => x.id === 'khoi-dang')!;
    const voteMode = options.vote === 'online' ? 'online' : 'secretBallot';
    if (seeded.rules.voteMode !== voteMode) await client.call('PUT', '/api/admin/blocs/khoi-dang', { bloc: { ...seeded, rules: { ...seeded.rules, voteMode } }, version: seeded.version });
    return ['khoi-dang'];
  }
  // The list read once: a province's blocs with their units and people make it large.
  const existing = new Set((await client.call<{ blocs: { id: string }[] }>('GET', '/api/admin/blocs')).blocs.map((x) => x.id));
  const ids: string[] = [];
  for (let b = 1; b <= options.blocs; b++) {
    const bloc = drillBloc(options, b);
    if (!existing.has(bloc.id)) await client.call('PUT', `/api/admin/blocs/${bloc.id}`, { bloc });
    ids.push(bloc.id);
  }
  return ids;
}

/** Runs every phase for every unit of the blocs' cycles and returns each bloc's ranking. */
export async function simulate(client: DemoClient, options: SimulationOptions): Promise<BlocOutcome[]> {
  const log = options.log ?? (() => {});
  const concurrency = options.concurrency ?? 1;
  const progress = options.progress ?? {};
  const random = (key: string) => randomFor(options.seed, key);
  const blocIds = await prepareBlocs(client, options);
  const timeline: Timeline = (progress.timeline ??= options.pledgeConference ? pledgeConferenceTimeline(await client.now()) : demoTimeline(await client.now()));
  const cycles = (progress.cycles ??= await startCycles(client, blocIds, timeline));
  log(`Started ${cycles.length} cycle(s): ${cycles.join(', ')}`);
  // Which bloc each cycle is: the year's list, one light call (a cycle's own view reads its whole partition).
  const listed = await client.call<{ cycles: Array<{ cycleId: string; blocId: string }> }>('GET', `/api/admin/cycles?year=${timeline.year}`);
  const cycleInfo = cycles.map((id) => listed.cycles.find((c) => c.cycleId === id)!);
  const { blocs } = await client.call<{ blocs: DemoBloc[] }>('GET', '/api/admin/blocs');
  const bloc = Object.fromEntries(blocIds.map((id) => [id, blocs.find((b) => b.id === id)!] as const));
  // Two units of each bloc score alike (twinIndex), so that the conference has equal units to order.
  const everyUnit = cycleInfo.flatMap((c) => bloc[c.blocId]!.units.map((u, i, all) => ({ ...u, blocId: c.blocId, key: `${c.blocId}/${u.id}`, scoreKey: `${c.blocId}/${all[twinIndex(i, all.length)]!.id}` })));
  const twins = new Set(everyUnit.filter((u) => u.key !== u.scoreKey).flatMap((u) => [u.key, u.scoreKey]));
  const open = (phase: 'selfAssessment' | 'crossCheck' | 'vote' | 'approval') => client.jumpTo(Date.parse(phaseInstants(timeline[phase]).opensAt) + 60_000);
  /** Every unit acts on the latest link of the phase's email, if it got one. */
  const everyUnitActs = async (subject: RegExp, answer: (unit: (typeof everyUnit)[number], linkId: string) => Promise<void>) => {
    const mailbox = await client.mailbox();
    const work = everyUnit.flatMap((unit) => mailbox.links(unit.email, subject).slice(-1).map((link) => ({ unit, link })));
    await inPool(work, concurrency, ({ unit, link }) => answer(unit, link));
    await client.settle();
    return work.length;
  };

  if (timeline.pledge?.conference) {
    await client.settle();
    await everyUnitActs(SUBJECT.pledgeConference, (unit, link) => {
      log(`Pledge conference of ${unit.blocId}: the secretary records it (every unit signs at the sitting)`);
      return once(() => recordPledgeConference(client, link));
    });
  }
  await open('selfAssessment');
  log('Self-assessment: every unit scores itself');
  await everyUnitActs(SUBJECT.selfAssessment, (unit, link) => act(client, link, { scores: selfScores(random(`${unit.scoreKey}/self`)) }));
  await open('crossCheck');
  log('Cross-check: each checker confirms or corrects');
  await everyUnitActs(SUBJECT.crossCheck, (unit, link) =>
    once(async () => {
      const { checked } = await client.call<{ checked?: { unitId: string } }>('GET', `/api/links/${link}`);
      const alike = checked !== undefined && twins.has(`${unit.blocId}/${checked.unitId}`); // the twins' checkers confirm them as they are
      await act(client, link, { items: crossCheckItems(alike ? () => 1 : random(`${unit.key}/check`)) });
    }),
  );
  await open('vote');
  const recorded = await everyUnitActs(SUBJECT.meetingRecord, (unit, link) => {
    log(`Year-end conference of ${unit.blocId}: the secretary records it (secret ballot, one runoff)`);
    return once(() => recordConference(client, link, bloc[unit.blocId]!.guests?.length ?? 0));
  });
  if (recorded > 0) await pastOpenBallots(client, cycles);
  for (let round = 1; round <= 3; round++) {
    const mailbox = await client.mailbox();
    const ballots = everyUnit.flatMap((unit) => mailbox.links(unit.email, SUBJECT.ballot).slice(round - 1, round).map((link) => ({ unit, link })));
    if (ballots.length === 0) break;
    log(`Vote, round ${round}: ${ballots.length} ballots`);
    await inPool(ballots, concurrency, ({ unit, link }) => castBallot(client, link, random(`${unit.key}/ballot-${round}`)));
    await client.settle();
    await pastOpenBallots(client, cycles);
  }
  await everyUnitActs(SUBJECT.leaderDecision, async (unit, link) => {
    log(`Leaders' decision for ${unit.blocId}`);
    await once(async () => {
      const view = await client.call<{ window: { candidates: string[] } }>('GET', `/api/links/${link}`);
      await act(client, link, { flagUnitId: view.window.candidates[0] ?? null, reason: 'Trưởng khối và Phó Trưởng khối thống nhất tại cuộc họp khối' });
    });
  });
  // Each nominee sends its achievement report, the leader unit the signed minutes (small generated PDFs).
  await everyUnitActs(SUBJECT.filesRequest, async (unit, link) => {
    const { adds } = await client.call<{ adds?: string[] }>('GET', `/api/links/${link}/files`);
    for (const purpose of (adds ?? []).filter((p) => p !== 'signedProposal')) {
      const [fileName, text] = purpose === 'signedMinutes' ? ['bien-ban-kiem-phieu-da-ky.pdf', 'Bien ban kiem phieu binh xet, suy ton (ban da ky)'] : [`bao-cao-thanh-tich-${unit.id}.pdf`, `Bao cao thanh tich: ${unit.name}`];
      await once(() => client.upload(link, purpose, fileName, smallPdf(text)));
    }
  });
  await open('approval');
  if (options.stopBeforeApproval) return [];
  await inPool(blocIds, concurrency, (blocId) => approve(client, bloc[blocId]!, random(`${blocId}/approval`), log));
  await client.settle(); // the approvals' publishing runs in the workflow: read the outcome once it has
  const outcomes: BlocOutcome[] = [];
  for (const cycleId of cycles) {
    const view = await client.call<CycleView>('GET', `/api/admin/cycles/${cycleId}`);
    outcomes.push({ blocId: view.blocId, blocName: view.blocName, cycleId, status: view.final?.status ?? view.status, ranking: view.ranking ?? [] });
  }
  return outcomes;
}

/**
 * Moves the clock just past the deadline of every ballot round still open: a round stays open to its
 * deadline (unless the bloc's rules close early), and only then is it counted and a runoff opened.
 */
async function pastOpenBallots(client: DemoClient, cycles: string[]): Promise<void> {
  const views = await Promise.all(cycles.map((id) => client.call<CycleView>('GET', `/api/admin/cycles/${id}`)));
  const deadlines = views.flatMap((v) => v.phases).filter((p) => p.phase === 'vote' && !p.closed).map((p) => Date.parse(p.deadlineAt));
  if (deadlines.length > 0) await client.jumpTo(Math.max(...deadlines) + 60_000);
}

/** Starts the blocs' cycles (starting one again with the same timeline finds it running). */
async function startCycles(client: DemoClient, blocIds: string[], timeline: Timeline): Promise<string[]> {
  const started = await client.call<{ cycles: Array<{ blocId: string; cycleId?: string; error?: unknown }> }>('POST', '/api/admin/cycles', { blocIds, timeline });
  const failed = started.cycles.filter((c) => !c.cycleId);
  if (failed.length) throw new Error(`cycles that did not start: ${JSON.stringify(failed)}`);
  return started.cycles.map((c) => c.cycleId!);
}

/** The approver approves the bloc's dossier, sometimes after returning it once for the leader to revise. */
async function approve(client: DemoClient, bloc: DemoBloc, random: () => number, log: (line: string) => void): Promise<void> {
  // One approver may serve every bloc of the province: the subject names the bloc.
  const forBloc = new RegExp(`^\\[${escape(bloc.name)}\\] ${SUBJECT.approval.source}`);
  const requests = (count: number) => linksWhenSent(client, (mailbox) => mailbox.links(bloc.approverEmail, forBloc), count);
  const returnFirst = random() < 0.3;
  const [first] = await requests(1);
  if (!first) return;
  if (returnFirst) {
    log(`Approval of ${bloc.id}: returned once for revision`);
    await act(client, first, { decision: 'return', reason: 'Đề nghị bổ sung biên bản họp có đủ chữ ký' });
    const leader = bloc.units.find((u) => u.id === bloc.leaderUnitId) ?? bloc.units[0]!;
    const [revision] = await linksWhenSent(client, (mailbox) => mailbox.links(leader.email, SUBJECT.revision), 1);
    if (revision) await act(client, revision, { response: 'Đã bổ sung biên bản họp có đủ chữ ký của các thành viên', withdraw: [] });
  }
  const latest = (await requests(returnFirst ? 2 : 1)).at(-1)!;
  log(`Approval of ${bloc.id}: approved`);
  await act(client, latest, { decision: 'approve', decisionNumber: `${100 + Math.floor(random() * 800)}/QĐ-UBND` });
}

interface CycleView {
  blocId: string;
  blocName: string;
  status: string;
  phases: { phase: string; round: number; deadlineAt: string; closed: boolean }[];
  ranking?: RankingRow[];
  final?: { status: string };
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface DemoBloc {
  id: string;
  name: string;
  guests?: unknown[];
  units: { id: string; name: string; email: string }[];
  leaderUnitId?: string;
  approverEmail: string;
}

/**
 * Runs one person's step. A link already used, expired or replaced, or a phase already over, means the
 * step ran before a restart and the cycle moved on: it is done (whatever it stored shows in the final results).
 */
async function once(step: () => Promise<void>): Promise<void> {
  try {
    await step();
  } catch (error) {
    if (!(error instanceof ApiError && ['linkUsed', 'linkExpired', 'linkRevoked', 'phaseClosed'].includes(error.code ?? ''))) throw error;
  }
}

/** Opens the link (as the person reads the form), then submits; a link used before is left alone. */
async function act(client: DemoClient, linkId: string, data: unknown): Promise<void> {
  await once(async () => {
    await client.call('GET', `/api/links/${linkId}`);
    await client.call('POST', `/api/links/${linkId}`, { intent: 'submit', data });
  });
}

/** A ballot as a member would cast it: approve most nominees, next year's leaders by rotation. */
async function castBallot(client: DemoClient, linkId: string, random: () => number): Promise<void> {
  await once(async () => {
  const view = await client.call<{ window: { ballot: { flagCandidates: string[]; certificateNominees: string[]; electLeaders: boolean } }; rotation: { leaderUnitId: string; deputyUnitId: string } }>('GET', `/api/links/${linkId}`);
  const { flagCandidates, certificateNominees, electLeaders } = view.window.ballot;
  const decide = (ids: string[]) => Object.fromEntries(ids.map((id) => [id, random() < 0.92]));
  await client.call('POST', `/api/links/${linkId}`, { intent: 'submit', data: { flag: decide(flagCandidates), certificate: decide(certificateNominees), ...(electLeaders ? view.rotation : {}) } });
  });
}
