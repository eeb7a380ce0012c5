/**
 * `npm run demo`: whole cycles run unattended through the product's own doors. The admin signs in by
 * link and starts the cycles; each unit, the bloc leader and the approver open the links in their emails
 * and fill the forms with seeded, realistic answers; the demo only moves the local clock from phase to
 * phase. The result is what the admin console reads back: each bloc's ranking.
 */
import { criteriaOf, defaultCriteriaSheet, phaseInstants, type Timeline } from '../../functions/domain/index.js';
import { demoTimeline } from '../demo/index.js';
import type { DemoClient } from './client.js';

export interface SimulationOptions {
  blocs: number;
  units: number;
  seed: number;
  log?: (line: string) => void;
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
  leaderDecision: /Trưởng khối quyết định/,
  approval: /Đề nghị phê duyệt/,
  revision: /trả lại để hoàn thiện/,
};

/** Mulberry32: a small seeded generator, so a seed replays the same demo. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Names of provincial departments, for generated blocs. */
const DEPARTMENTS = ['Sở Tài chính', 'Sở Xây dựng', 'Sở Nội vụ', 'Sở Tư pháp', 'Sở Y tế', 'Sở Giáo dục và Đào tạo', 'Sở Công Thương', 'Sở Nông nghiệp và Môi trường', 'Sở Văn hóa, Thể thao và Du lịch', 'Sở Khoa học và Công nghệ', 'Sở Dân tộc và Tôn giáo', 'Thanh tra tỉnh', 'Văn phòng UBND tỉnh', 'Ban Quản lý các khu công nghiệp', 'Đài Phát thanh và Truyền hình', 'Trường Cao đẳng Kỹ thuật', 'Quỹ Đầu tư phát triển', 'Ban Quản lý dự án', 'Trung tâm Phục vụ hành chính công', 'Liên minh Hợp tác xã'];

/** Blocs for the run: the stored demo bloc for one bloc of nine, generated blocs otherwise. */
async function prepareBlocs(client: DemoClient, options: SimulationOptions): Promise<string[]> {
  if (options.blocs === 1 && options.units === 9) return ['khoi-dang'];
  const ids: string[] = [];
  for (let b = 1; b <= options.blocs; b++) {
    const blocId = `cum-${options.seed}-${b}`;
    const units = Array.from({ length: options.units }, (_, i) => {
      const name = DEPARTMENTS[i] ?? `Đơn vị số ${i + 1}`;
      return { id: `dv-${i + 1}`, name: options.blocs > 1 ? `${name} (cụm ${b})` : name, shortName: `DV${i + 1}`, email: `dv-${i + 1}.cum-${b}@demo-${options.seed}.thidua.local`, rotationOrder: i, womenLed: i % 4 === 1 };
    });
    const bloc = { id: blocId, name: `Cụm thi đua số ${b}`, province: 'Đồng Nai', headerStyle: 'state', units, leaderUnitId: 'dv-1', deputyUnitId: 'dv-2', approverEmail: `ban-tdkt@demo-${options.seed}.thidua.local` };
    const existing = await client.call<{ blocs: { id: string }[] }>('GET', '/api/admin/blocs');
    if (!existing.blocs.some((x) => x.id === blocId)) await client.call('PUT', `/api/admin/blocs/${blocId}`, { bloc });
    ids.push(blocId);
  }
  return ids;
}

/** Runs every phase for every unit of the blocs' cycles and returns each bloc's ranking. */
export async function simulate(client: DemoClient, options: SimulationOptions): Promise<BlocOutcome[]> {
  const log = options.log ?? (() => {});
  const random = seeded(options.seed);
  const blocIds = await prepareBlocs(client, options);
  const timeline: Timeline = demoTimeline(await client.now());
  const started = await client.call<{ cycles: Array<{ blocId: string; cycleId?: string; error?: unknown }> }>('POST', '/api/admin/cycles', { blocIds, timeline });
  const failed = started.cycles.filter((c) => !c.cycleId);
  if (failed.length) throw new Error(`cycles that did not start: ${JSON.stringify(failed)}`);
  const cycles = started.cycles.map((c) => c.cycleId!);
  log(`Started ${cycles.length} cycle(s): ${cycles.join(', ')}`);
  const cycleInfo = await Promise.all(cycles.map((id) => client.call<CycleView>('GET', `/api/admin/cycles/${id}`)));
  const bloc = Object.fromEntries(await Promise.all(blocIds.map(async (id) => [id, await blocOf(client, id)] as const)));
  const everyUnit = cycleInfo.flatMap((c) => bloc[c.blocId]!.units.map((u) => ({ ...u, blocId: c.blocId })));
  const open = (phase: 'crossCheck' | 'vote' | 'approval') => client.jumpTo(Date.parse(phaseInstants(timeline[phase]).opensAt) + 60_000);

  await client.jumpTo(Date.parse(phaseInstants(timeline.selfAssessment).opensAt) + 60_000);
  log('Self-assessment: every unit scores itself');
  for (const unit of everyUnit) {
    const [link] = (await client.links(unit.email, SUBJECT.selfAssessment)).slice(-1);
    if (link) await act(client, link, { scores: selfScores(random) });
  }
  await open('crossCheck');
  log('Cross-check: each checker confirms or corrects');
  for (const unit of everyUnit) {
    const [link] = (await client.links(unit.email, SUBJECT.crossCheck)).slice(-1);
    if (link) await act(client, link, { items: crossCheckItems(random) });
  }
  await open('vote');
  for (let round = 1; round <= 3; round++) {
    const ballots = (await Promise.all(everyUnit.map(async (u) => ({ u, links: await client.links(u.email, SUBJECT.ballot) })))).filter((x) => x.links.length >= round);
    if (ballots.length === 0) break;
    log(`Vote, round ${round}: ${ballots.length} ballots`);
    for (const { links } of ballots) await castBallot(client, links[round - 1]!, random);
  }
  for (const unit of everyUnit) {
    const [link] = await client.links(unit.email, SUBJECT.leaderDecision);
    if (link) {
      const view = await client.call<{ window: { candidates: string[] } }>('GET', `/api/links/${link}`);
      log(`Leaders' decision for ${unit.blocId}`);
      await act(client, link, { flagUnitId: view.window.candidates[0] ?? null, reason: 'Trưởng khối và Phó Trưởng khối thống nhất tại cuộc họp khối' });
    }
  }
  await open('approval');
  for (const blocId of blocIds) {
    // One approver may serve every bloc of the province: the subject names the bloc.
    const approver = bloc[blocId]!.approverEmail;
    const forBloc = new RegExp(`^\\[${escape(bloc[blocId]!.name)}\\] ${SUBJECT.approval.source}`);
    const returnFirst = random() < 0.3;
    const [first] = (await client.links(approver, forBloc)).slice(-1);
    if (!first) continue;
    if (returnFirst) {
      log(`Approval of ${blocId}: returned once for revision`);
      await act(client, first, { decision: 'return', reason: 'Đề nghị bổ sung biên bản họp bình xét có đủ chữ ký' });
      const leader = bloc[blocId]!.units.find((u) => u.id === bloc[blocId]!.leaderUnitId) ?? bloc[blocId]!.units[0]!;
      const [revision] = await client.links(leader.email, SUBJECT.revision);
      if (revision) await act(client, revision, { response: 'Đã bổ sung biên bản họp có đủ chữ ký của các thành viên', withdraw: [] });
    }
    const [latest] = (await client.links(approver, forBloc)).slice(-1);
    log(`Approval of ${blocId}: approved`);
    await act(client, latest!, { decision: 'approve', decisionNumber: `${100 + Math.floor(random() * 800)}/QĐ-UBND` });
  }
  const outcomes: BlocOutcome[] = [];
  for (const cycleId of cycles) {
    const view = await client.call<CycleView>('GET', `/api/admin/cycles/${cycleId}`);
    outcomes.push({ blocId: view.blocId, blocName: view.blocName, cycleId, status: view.final?.status ?? view.status, ranking: view.ranking ?? [] });
  }
  return outcomes;
}

interface CycleView {
  blocId: string;
  blocName: string;
  status: string;
  ranking?: RankingRow[];
  final?: { status: string };
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface DemoBloc {
  name: string;
  units: { id: string; name: string; email: string }[];
  leaderUnitId?: string;
  approverEmail: string;
}

async function blocOf(client: DemoClient, blocId: string): Promise<DemoBloc> {
  const { blocs } = await client.call<{ blocs: Array<DemoBloc & { id: string }> }>('GET', '/api/admin/blocs');
  return blocs.find((b) => b.id === blocId)!;
}

async function act(client: DemoClient, linkId: string, data: unknown): Promise<void> {
  await client.call('POST', `/api/links/${linkId}`, { intent: 'submit', data });
}

/** A realistic self-assessment: near the maximum on most criteria, a bonus now and then, rarely a penalty. */
function selfScores(random: () => number): Record<string, { points: number; note: string }> {
  return Object.fromEntries(
    criteriaOf(defaultCriteriaSheet).map((c) => {
      const steps = Math.round(c.maxPoints / c.step);
      const drop = c.kind === 'standard' ? Math.floor(random() * random() * 0.12 * steps) : 0;
      const points = c.kind === 'standard' ? (steps - drop) * c.step : c.kind === 'bonus' ? (random() < 0.25 ? c.maxPoints / 2 : 0) : random() < 0.05 ? c.step * 20 : 0;
      return [c.code, { points, note: points > 0 && c.kind === 'bonus' ? 'Quyết định khen thưởng kèm theo' : '' }];
    }),
  );
}

/** A cross-check that confirms nearly everything and now and then corrects a criterion down, with a reason. */
function crossCheckItems(random: () => number): Record<string, unknown> {
  return Object.fromEntries(
    criteriaOf(defaultCriteriaSheet).map((c) =>
      c.kind === 'standard' && random() < 0.04
        ? [c.code, { verdict: 'correct', points: c.maxPoints * 0.9, reason: 'Minh chứng chưa đầy đủ theo hướng dẫn chấm' }]
        : [c.code, { verdict: 'confirm' }],
    ),
  );
}

/** A ballot as a member would cast it: approve most nominees, next year's leaders by rotation. */
async function castBallot(client: DemoClient, linkId: string, random: () => number): Promise<void> {
  const view = await client.call<{ window: { ballot: { flagCandidates: string[]; certificateNominees: string[]; electLeaders: boolean } }; rotation: { leaderUnitId: string; deputyUnitId: string } }>('GET', `/api/links/${linkId}`);
  const { flagCandidates, certificateNominees, electLeaders } = view.window.ballot;
  const decide = (ids: string[]) => Object.fromEntries(ids.map((id) => [id, random() < 0.92]));
  await act(client, linkId, { flag: decide(flagCandidates), certificate: decide(certificateNominees), ...(electLeaders ? view.rotation : {}) });
}
