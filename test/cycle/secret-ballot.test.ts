/**
 * The online secret ballot of nine units, read as someone with the whole store would: every item of the
 * table, every log line written, every email the SES emulator received and every audit event. None may
 * link a voter to a choice; each voter's receipt code finds their ballot in the count.
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actOnLink, type ActResult } from '../../functions/cycle/actions.js';
import { RESULT_NAMES, readResult, type VoteRound } from '../../functions/cycle/results.js';
import { checkReceipt } from '../../functions/cycle/secret-ballot.js';
import { loadScoredDossier } from '../../functions/cycle/context.js';
import { listAuditEvents } from '../../functions/audit/trail.js';
import { meetingMinutesDocx } from '../../functions/documents/meeting-minutes.js';
import { ballotIdOf, commitmentOf, newReceiptCode, type Ballot, type CycleConfig } from '../../functions/domain/index.js';
import { publishedBallots } from '../../functions/dossier/index.js';
import { logger } from '../../functions/shared/logger.js';
import { readMail, type ReceivedMail } from '../../local/services/ses.js';
import { CycleHarness } from '../support/cycle-harness.js';
import { docxText } from '../documents/read.js';
import { SPREAD_TOTALS, crossCheck, selfAssess } from './drive.js';
import { OPENS, SUBJECT, cycleConfig } from './fixtures.js';

/** Nine different ballots, so that a ballot stored next to its voter would be recognisable. */
const ballotOf = (i: number): Ballot => ({
  flag: { 'vp-tinh-uy': i < 8 },
  certificate: { 'ban-to-chuc': true, 'ban-tuyen-giao': i % 2 === 0, 'ban-dan-van': i % 3 === 0, ubkt: i < 5 },
  leaderUnitId: i < 6 ? 'ban-to-chuc' : 'ban-dan-van',
  deputyUnitId: 'ban-tuyen-giao',
});

/** Every object anywhere in `value` shaped like a ballot's choices (approvals per nominee). */
function ballotsIn(value: unknown, found: unknown[] = []): unknown[] {
  if (value === null || typeof value !== 'object') return found;
  const v = value as Record<string, unknown>;
  const approvals = (x: unknown) => typeof x === 'object' && x !== null && Object.values(x).every((y) => typeof y === 'boolean');
  if (approvals(v.flag) && approvals(v.certificate)) found.push(v);
  for (const child of Object.values(v)) ballotsIn(child, found);
  return found;
}

describe('the online secret ballot', () => {
  let h: CycleHarness;
  let config: CycleConfig;
  let cycleId: string;
  const codes = new Map<string, string>();
  const cast = new Map<string, Ballot>();
  let doubleClick: ActResult[];
  let repeatWithoutCode: ActResult;
  const logLines: string[] = [];
  const writes = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
  let items: Record<string, unknown>[];
  let mail: ReceivedMail[];

  beforeAll(async () => {
    // Every line any function logs while the ballot runs, at the most talkative level.
    logger.setLogLevel('DEBUG');
    const capture = (write: typeof writes.out) => ((chunk: unknown, ...rest: unknown[]) => {
      logLines.push(String(chunk));
      return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof process.stdout.write;
    process.stdout.write = capture(writes.out);
    process.stderr.write = capture(writes.err);

    h = await CycleHarness.start('2026-10-01T00:00:00Z');
    config = cycleConfig();
    ({ cycleId } = await h.startCycle(config));
    await h.advanceTo(OPENS.selfAssessment);
    await selfAssess(h, config, SPREAD_TOTALS);
    await h.advanceTo(OPENS.crossCheck);
    await crossCheck(h, config);
    await h.advanceTo(OPENS.vote);
    const units = config.bloc.units;
    for (const [i, unit] of units.slice(0, 8).entries()) {
      const result = await h.act(await h.linkFor(unit.email, SUBJECT.ballot), ballotOf(i));
      if (result.kind === 'submitted' && result.receiptCode) codes.set(unit.id, result.receiptCode);
      cast.set(unit.id, ballotOf(i));
    }
    // The ninth unit double-clicks: the page's one code, sent twice at once; then the API posts again without it.
    const last = units[8]!;
    const link = await h.linkFor(last.email, SUBJECT.ballot);
    const code = newReceiptCode();
    const act = () => actOnLink(h.deps, { linkId: link, intent: 'submit', data: ballotOf(8), receiptCode: code, at: h.now() });
    doubleClick = await Promise.all([act(), act()]);
    repeatWithoutCode = await actOnLink(h.deps, { linkId: link, intent: 'submit', data: ballotOf(8), at: h.now() });
    await h.idle();
    codes.set(last.id, code);
    cast.set(last.id, ballotOf(8));

    items = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await h.deps.store.doc.send(new ScanCommand({ TableName: h.deps.store.tableName, ExclusiveStartKey: start, ConsistentRead: true }));
      items.push(...((page.Items ?? []) as Record<string, unknown>[]));
      start = page.LastEvaluatedKey;
    } while (start);
    const ours = [...units.map((u) => u.email), config.approverEmail, ...config.adminEmails];
    mail = (await readMail(inject('sesEndpoint'))).filter((m) => [...m.destination.to, ...m.destination.cc, ...m.destination.bcc].some((a) => ours.some((o) => a.toLowerCase().includes(o))));
  }, 300_000);

  afterAll(async () => {
    process.stdout.write = writes.out;
    process.stderr.write = writes.err;
    logger.setLogLevel('ERROR');
    await h?.stop();
  });

  it('gives every voter a receipt code that finds their own ballot in the count', async () => {
    expect(codes.size).toBe(9);
    for (const unit of config.bloc.units) {
      expect(await checkReceipt(h.deps, cycleId, codes.get(unit.id)!)).toEqual({ found: true, round: 1, counted: true, choices: cast.get(unit.id) });
    }
    expect(await checkReceipt(h.deps, cycleId, newReceiptCode())).toEqual({ found: false });
  });

  it('counts a double-clicked ballot once, and tells the repeat it was already cast', async () => {
    expect(doubleClick.map((r) => r.kind === 'submitted' && r.duplicate).sort()).toEqual([false, true]);
    expect(doubleClick.every((r) => r.kind === 'submitted' && r.receiptCode === codes.get('dang-uy-khoi'))).toBe(true);
    expect(repeatWithoutCode).toMatchObject({ kind: 'submitted', duplicate: true });
    expect(repeatWithoutCode).not.toHaveProperty('receiptCode');
    expect(items.filter((item) => item.type === 'ballot')).toHaveLength(9);
  });

  it('tallies the anonymous ballots against the thresholds, every unit counted as a voter', async () => {
    const round = await readResult<VoteRound>(h.deps.store, cycleId, RESULT_NAMES.vote(1));
    expect(round!.voters).toHaveLength(9);
    expect(round!.secret).toEqual({ ballots: 9, uncounted: 0 });
    expect(Object.fromEntries(round!.flag.map((t) => [t.unitId, t.approvals]))).toEqual({ 'vp-tinh-uy': 8 });
    expect(Object.fromEntries(round!.certificate.map((t) => [t.unitId, t.approvals]))).toEqual({ 'ban-to-chuc': 9, 'ban-tuyen-giao': 5, 'ban-dan-van': 3, ubkt: 5 });
    const published = publishedBallots(await loadScoredDossier(h.deps.store, cycleId));
    expect(published[0]!.ballots.map((b) => b.id).sort()).toEqual([...codes.values()].map(ballotIdOf).sort());
  });

  it('stores the choices only in anonymous ballots: no voter, no time, a key from the code alone', () => {
    const withChoices = items.filter((item) => ballotsIn(item).length > 0);
    expect(withChoices.length).toBeGreaterThan(0);
    for (const item of withChoices) {
      expect(item.type).toBe('ballot');
      expect(Object.keys(item).sort()).toEqual(['ballotId', 'choices', 'pk', 'round', 'sk', 'status', 'type']);
      expect(item.sk).toBe(`BALLOT#001#${item.ballotId as string}`);
    }
    const ids = new Set(withChoices.map((item) => item.ballotId as string));
    expect(ids).toEqual(new Set([...codes.values()].map(ballotIdOf)));
    // Nothing else holds a ballot's id, a receipt code, or a unit next to a choice.
    const rest = JSON.stringify(items.filter((item) => item.type !== 'ballot'));
    for (const id of ids) expect(rest).not.toContain(id);
    for (const code of codes.values()) expect(JSON.stringify(items)).not.toContain(code);
    const ballotsText = JSON.stringify(withChoices);
    for (const unit of config.bloc.units) {
      expect(ballotsText).not.toContain(unit.email);
      expect(ballotsText).not.toContain(commitmentOf(codes.get(unit.id)!));
    }
    expect(ballotsText).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });

  it('records in the audit trail only that each unit voted', async () => {
    const events = (await listAuditEvents(h.deps.store, cycleId)).filter((e) => e.target.startsWith('form:vote:'));
    expect(events).toHaveLength(9);
    for (const event of events) {
      expect(event.after).toEqual({ voted: true });
      expect(event.before).toBeUndefined();
    }
    expect(ballotsIn(await listAuditEvents(h.deps.store, cycleId))).toEqual([]);
  });

  it('sends receipts that hold neither the choices nor the code', () => {
    const receipts = mail.filter((m) => /Đã nhận bình xét/.test(m.subject));
    expect(receipts).toHaveLength(9);
    for (const m of mail) {
      const text = `${m.subject}\n${m.body.text ?? ''}\n${m.body.html ?? ''}`;
      for (const code of codes.values()) expect(text).not.toContain(code);
      for (const id of [...codes.values()].map(ballotIdOf)) expect(text).not.toContain(id);
    }
    for (const m of receipts) expect(m.body.text).not.toMatch(/Không đồng ý|Đồng ý/);
  });

  it('logs no choice, code or ballot id', () => {
    const logged = logLines.join('\n');
    for (const code of codes.values()) expect(logged).not.toContain(code);
    for (const id of [...codes.values()].map(ballotIdOf)) expect(logged).not.toContain(id);
    expect(logged).not.toMatch(/"certificate":\{"ban-to-chuc":(true|false)/);
  });

  it('prints minutes that say the ballot was secret and online, over the dates it ran, and claim no meeting', async () => {
    const text = docxText(await meetingMinutesDocx(await loadScoredDossier(h.deps.store, cycleId)));
    expect(text).toContain('bỏ phiếu kín trực tuyến');
    expect(text).toMatch(/vòng 1 từ ngày \d{2}\/\d{2}\/2026 đến ngày \d{2}\/\d{2}\/2026/);
    expect(text).toContain('9 phiếu kín được kiểm');
    expect(text).not.toMatch(/Hội nghị thống nhất|ban kiểm phiếu|phiếu giấy|bỏ phiếu bằng văn bản/i);
    expect(text).not.toContain('phiếu không kiểm được');
  });
});
