import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCycleDossier } from '../../functions/cycle/context.js';
import { buildDocuments, buildDraft, type DocumentFile, type DraftKind } from '../../functions/documents/index.js';
import { CLASSIFICATION_LABELS, formatPoints, formatVietnamDate, personsOf, type CycleConfig, type SittingRecord } from '../../functions/domain/index.js';
import { isScored, type Dossier, type ScoredDossier } from '../../functions/dossier/index.js';
import { crossCheck, selfAssess } from '../cycle/drive.js';
import { OPENS, SUBJECT, cycleConfig } from '../cycle/fixtures.js';
import { submissionFor } from '../domain/fixtures.js';
import { CONFERENCE_TOTALS, conferenceRecord, sittingRecord } from '../domain/meeting-fixture.js';
import { linkDocument, showLink } from '../../functions/web/link-pages.js';
import type { HttpEvent, HttpResult } from '../../functions/web/http.js';
import { CycleHarness } from '../support/cycle-harness.js';
import { plainDossier } from './fixture.js';
import { docxText, hasCommand, readXlsx } from './read.js';
import { docxSignatureBlocks, xlsxSignatureBlocks, type SignatureBlock } from './signatures.js';

/** The mid-year points each unit gives itself; the newspaper sends nothing and the school keeps a draft. */
const MID_YEAR = { 'vp-tinh-uy': 990, 'ban-to-chuc': 985, 'ban-tuyen-giao': 980, 'ban-dan-van': 975, ubkt: 970, 'ban-noi-chinh': 965, 'dang-uy-khoi': 950 };

const run = promisify(execFile);
const officeTools = hasCommand('soffice') && hasCommand('pdftotext');
const draft = async (dossier: Dossier, kind: DraftKind) => docxText((await buildDraft(dossier, kind))!.content);

/**
 * A Party bloc's year as it is lived: the pledge (the newspaper does not sign), the mid-year review (seven of
 * nine send it), the year-end scoring and cross-check, and the year-end conference that votes by secret paper
 * ballot, as its secretary records it.
 */
describe('the report drafts of the leader unit (báo cáo sơ kết, báo cáo tổng kết)', () => {
  let h: CycleHarness;
  let config: CycleConfig;
  let cycleId: string;
  let beforeMidYear: Dossier;
  let afterMidYear: Dossier;
  let yearEnd: ScoredDossier;
  /** The approver's page and draft download, then the bloc leader's, once the province returned the dossier. */
  let approver: { page: HttpResult; draft: HttpResult };
  let leader: { link: string; page: HttpResult; draft: HttpResult };
  const name = (unitId: string) => config.bloc.units.find((u) => u.id === unitId)!.name;

  beforeAll(async () => {
    h = await CycleHarness.start('2026-01-02T00:00:00Z');
    config = cycleConfig({
      rules: { voteMode: 'secretBallot' },
      timeline: { pledge: { opensOn: '2026-01-05', deadlineOn: '2026-01-20' }, midYear: { opensOn: '2026-06-15', deadlineOn: '2026-07-10' } },
    });
    ({ cycleId } = await h.startCycle(config));
    await h.advanceTo('2026-01-04T17:00:00Z');
    for (const u of config.bloc.units.filter((x) => x.id !== 'bao-tinh')) {
      await h.act(await h.linkFor(u.email, /mở giai đoạn ký giao ước/), { accepted: true, signerName: u.people!.head.name, signerTitle: u.people!.head.title });
    }
    await h.advanceTo('2026-01-20T17:05:00Z');
    await h.sweep();
    beforeMidYear = await loadCycleDossier(h.deps.store, cycleId);
    await h.advanceTo('2026-06-14T17:00:00Z');
    for (const [unitId, total] of Object.entries(MID_YEAR)) {
      await h.act(await h.linkFor(config.bloc.units.find((u) => u.id === unitId)!.email, /mở giai đoạn sơ kết 6 tháng/), { scores: submissionFor(total) });
    }
    const school = config.bloc.units.find((u) => u.id === 'truong-chinh-tri')!;
    await h.act(await h.linkFor(school.email, /mở giai đoạn sơ kết 6 tháng/), { scores: { 'I.1': { points: 50 } } }, { intent: 'draft' });
    await h.advanceTo('2026-07-10T17:05:00Z');
    await h.sweep();
    afterMidYear = await loadCycleDossier(h.deps.store, cycleId);
    await h.advanceTo(OPENS.selfAssessment);
    await selfAssess(h, config, CONFERENCE_TOTALS);
    await h.advanceTo(OPENS.crossCheck);
    await crossCheck(h, config);
    await h.advanceTo(OPENS.vote);
    const recordLink = await h.linkFor(config.bloc.units.find((u) => u.id === 'vp-tinh-uy')!.email, SUBJECT.meetingRecord);
    await h.advanceTo('2026-12-03T05:00:00Z'); // the conference sat at 08:00 that morning
    await h.act(recordLink, conferenceRecord(config.bloc));
    const dossier = await loadCycleDossier(h.deps.store, cycleId);
    if (!isScored(dossier)) throw new Error('the cycle is scored');
    yearEnd = dossier;
    await h.advanceTo(OPENS.approval);
    const approval = await h.linkFor(config.approverEmail, SUBJECT.approval);
    approver = { page: await showLink(h.deps, linkEvent(approval)), draft: await linkDocument(h.deps, linkEvent(approval, 'yearReport')) };
    await h.act(approval, { decision: 'return', reason: 'Bổ sung báo cáo thành tích' });
    const revision = await h.linkFor(config.bloc.units.find((u) => u.id === 'vp-tinh-uy')!.email, SUBJECT.revision);
    leader = { link: revision, page: await showLink(h.deps, linkEvent(revision)), draft: await linkDocument(h.deps, linkEvent(revision, 'yearReport')) };
  }, 300_000);

  /** A GET of a link's page (or of one of its documents) as API Gateway hands it to the function. */
  const linkEvent = (id: string, name?: string) =>
    ({ headers: {}, pathParameters: name ? { id, name } : { id }, requestContext: { http: { method: 'GET', sourceIp: '127.0.0.1', userAgent: 'vitest' }, timeEpoch: h.now().getTime() } }) as unknown as HttpEvent;

  afterAll(() => h?.stop());

  it('does not claim the mid-year review ran before it opened, giving its planned dates instead', async () => {
    const text = await draft(beforeMidYear, 'midYearReport');
    expect(text).toContain('Sơ kết công tác thi đua 6 tháng đầu năm 2026');
    expect(text).toContain('từ ngày 15/06/2026 đến ngày 10/07/2026; giai đoạn này chưa mở trên hệ thống Thi đua');
    expect(text).not.toMatch(/đơn vị gửi bản tự đánh giá|Điểm tự đánh giá/);
  });

  it('reports who signed the pledge, by whom and when, and the unit that did not sign', async () => {
    const text = await draft(afterMidYear, 'midYearReport');
    expect(text).toContain(`Ký giao ước thi đua từ ngày 05/01/2026 đến ngày 20/01/2026: 8/9 đơn vị ký giao ước; không gửi: ${name('bao-tinh')}.`);
    const pledge = afterMidYear.participation.find((p) => p.phase === 'pledge')!;
    for (const u of pledge.units.filter((x) => x.status === 'submitted')) {
      const head = config.bloc.units.find((x) => x.id === u.unitId)!.people!.head;
      expect(text).toContain(`${name(u.unitId)}\n${head.name}, ${head.title}\n${formatVietnamDate(u.submittedAt!)}`);
    }
  });

  it('reports who sent the mid-year review, when, with the points each gave itself, and who did not', async () => {
    const text = await draft(afterMidYear, 'midYearReport');
    expect(text).toContain(`7/9 đơn vị gửi bản tự đánh giá; không gửi: ${name('bao-tinh')}, ${name('truong-chinh-tri')}.`);
    const midYear = afterMidYear.participation.find((p) => p.phase === 'midYear')!;
    for (const [unitId, total] of Object.entries(MID_YEAR)) {
      const sent = midYear.units.find((u) => u.unitId === unitId)!;
      expect(text).toContain(`${name(unitId)}\n${formatVietnamDate(sent.submittedAt!)}\n${formatPoints(total * 100)}`);
    }
    expect(text).toContain(`${name('truong-chinh-tri')}\nKhông gửi\n`);
  });

  it('reports in the year report each phase\'s participation and the ranking exactly as the score summary has it', async () => {
    const text = await draft(yearEnd, 'yearReport');
    expect(text).toContain('Tổng kết công tác thi đua năm 2026');
    expect(text).toContain('Tự chấm điểm cuối năm theo bảng tiêu chí của khối từ ngày 01/11/2026');
    expect(text).toMatch(/Tự chấm điểm cuối năm [^\n]*: 9\/9 đơn vị nộp bản tự chấm điểm\./);
    expect(text).toContain('Ký giao ước\nTự đánh giá 6 tháng\nTự chấm điểm\nKiểm tra chéo');
    const rows = yearEnd.scores.rows.map((r) => `${r.place}\n${name(r.unitId)}\n${formatPoints(r.total)}\n${CLASSIFICATION_LABELS[r.classification].vi}`);
    expect(text).toContain(rows.join('\n'));
    const summary = (await readXlsx((await buildDocuments(yearEnd, ['scoreSummary']))[0]!.content)).getWorksheet('Tổng hợp')!;
    for (const [i, r] of yearEnd.scores.rows.entries()) expect(summary.getRow(7 + i).getCell(2).value).toBe(name(r.unitId));
  });

  it('tells the year-end conference as its secretary recorded it: place, chair, attendance, agenda, decisions, awards and leaders', async () => {
    const text = await draft(yearEnd, 'yearReport');
    const record = conferenceRecord(config.bloc);
    expect(text).toContain('HỘI NGHỊ TỔNG KẾT, BÌNH XÉT, SUY TÔN');
    expect(text).toContain(`Ngày 03/12/2026, tại ${record.place}, khối tổ chức hội nghị tổng kết do ${name('vp-tinh-uy')} đăng cai`);
    expect(text).toContain(`${record.chair.name}, ${record.chair.title} chủ trì`);
    expect(text).toContain('8/9 đơn vị thành viên với 9 đại biểu; khách mời: Trương Văn Dũng');
    for (const a of record.agenda) expect(text).toContain(`${a.item}: Hội nghị thống nhất thông qua.`);
    expect(text).toContain('bỏ phiếu kín bằng phiếu giấy, qua 2 vòng');
    expect(text).toContain(`Lý do: ${record.equalOrder[0]!.reason}`);
    expect(text).toContain(`${name('ban-to-chuc')}\n995\n1\nCờ thi đua của UBND tỉnh`);
    expect(text).toContain(`Trưởng khối năm 2027: ${name('ban-to-chuc')}; Phó Trưởng khối: ${name('ban-tuyen-giao')}.`);
    expect(text).not.toMatch(/trực tuyến/);
  });

  it('tells the pledge conference in the year report when the bloc signed its pledge there, and none when it did not', async () => {
    const record = sittingRecord(config.bloc, 'pledge') as unknown as SittingRecord;
    const planned = { heldAt: record.heldAt, hostUnitId: record.hostUnitId, place: record.place };
    const text = await draft({ ...yearEnd, conferences: [{ kind: 'pledge', planned, record, status: 'recorded' }] }, 'yearReport');
    expect(text).toContain('HỘI NGHỊ KÝ KẾT GIAO ƯỚC THI ĐUA NĂM 2026');
    expect(text).toContain(`Ngày 15/01/2026, tại Hội trường Ban Tổ chức Tỉnh ủy, khối tổ chức hội nghị ký kết giao ước thi đua do ${name('ban-to-chuc')} đăng cai`);
    expect(text).toContain('Kế hoạch hoạt động của khối thi đua năm 2026: Hội nghị thống nhất thông qua.');
    expect(text).toContain(`Chưa ký tại hội nghị: ${name('dang-uy-khoi')}.`);
    expect(await draft(yearEnd, 'yearReport')).not.toContain('KÝ KẾT GIAO ƯỚC');
  });

  it('says nothing of a conference in the year report of a bloc that voted online, and tells its ballot', async () => {
    const text = await draft(plainDossier(), 'yearReport');
    expect(text).not.toMatch(/HỘI NGHỊ|Hội nghị|bỏ phiếu kín|đăng cai/);
    expect(text).toContain('Bỏ phiếu bình xét, suy tôn trực tuyến vòng 1 từ ngày 01/12/2026 đến ngày 05/12/2026: 9/9 đơn vị bỏ phiếu.');
    expect(text).not.toContain('kiểm tra chéo,');
  });

  it('tells the cross-check in the award proposal only where one ran', async () => {
    const proposalOf = async (dossier: ScoredDossier) => docxText((await buildDocuments(dossier)).find((f) => f.kind === 'awardProposal')!.content);
    const checked = await proposalOf(yearEnd);
    expect(checked).toMatch(/đơn vị nộp bản tự chấm điểm; 9 đơn vị được kiểm tra chéo, (\d+ đơn vị được điều chỉnh điểm sau kiểm tra chéo|không đơn vị nào bị điều chỉnh điểm)\./);
    expect(checked).toContain('(điểm tự chấm, điểm sau kiểm tra chéo theo từng tiêu chí)');
    const unchecked = await proposalOf(plainDossier());
    expect(unchecked).toContain('đơn vị nộp bản tự chấm điểm. ');
    expect(unchecked).not.toContain('kiểm tra chéo');
  });

  it('names a person of the bloc by name and title in every signature block of the three documents and the two drafts', async () => {
    for (const dossier of [yearEnd, plainDossier()]) {
      const people = [
        ...dossier.cycle.config.bloc.units.flatMap((u) => personsOf(u.people)),
        ...(dossier.meeting ? [dossier.meeting.chair, dossier.meeting.secretary] : []),
      ].map((p) => `${p.name} | ${p.title}`);
      const unitNames = dossier.cycle.config.bloc.units.map((u) => u.name);
      const files: DocumentFile[] = [...(await buildDocuments(dossier)), (await buildDraft(dossier, 'midYearReport'))!, (await buildDraft(dossier, 'yearReport'))!];
      expect(files.map((f) => f.kind)).toEqual(['scoreSummary', 'meetingMinutes', 'awardProposal', 'midYearReport', 'yearReport']);
      for (const file of files) {
        const blocks: SignatureBlock[] =
          file.kind === 'scoreSummary' ? xlsxSignatureBlocks((await readXlsx(file.content)).getWorksheet('Tổng hợp')!) : docxSignatureBlocks(file.content);
        // The summary and the minutes are signed by two persons; the proposal and the drafts by the leader unit's head.
        expect(blocks.length, file.filename).toBe(file.kind === 'scoreSummary' || file.kind === 'meetingMinutes' ? 2 : 1);
        for (const block of blocks) {
          expect(block.capacity.length, `${file.filename}: ${JSON.stringify(block)}`).toBeGreaterThan(0);
          expect(people, `${file.filename}: ${JSON.stringify(block)}`).toContain(`${block.name} | ${block.title}`);
          expect(unitNames, file.filename).not.toContain(block.name);
          expect(block.capacity.join(' '), file.filename).not.toMatch(/Ký, ghi rõ họ tên/);
        }
      }
    }
  });

  it('offers the drafts to the bloc leader on its revision link, not to the approver', () => {
    expect(approver.page.body).toContain('/documents/awardProposal');
    expect(approver.page.body).not.toMatch(/Dự thảo báo cáo|midYearReport|yearReport/);
    expect(approver.draft.statusCode).toBe(404);
    expect(leader.page.body).toContain('Dự thảo báo cáo của khối (tải về để chỉnh sửa)');
    expect(leader.page.body).toContain(`/l/${leader.link}/documents/midYearReport`);
    expect(leader.draft.statusCode).toBe(200);
    expect(leader.draft.headers?.['content-disposition']).toContain('bao-cao-tong-ket-nam-');
    expect(docxText(Buffer.from(leader.draft.body!, 'base64'))).toContain('Tổng kết công tác thi đua năm 2026');
  });

  it.skipIf(!officeTools)(
    `opens in LibreOffice: each draft converts to PDF showing every unit's name${officeTools ? '' : ' (skipped: soffice or pdftotext is not installed; see .ci/run)'}`,
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'thidua-drafts-'));
      try {
        const files = [(await buildDraft(yearEnd, 'midYearReport'))!, (await buildDraft(yearEnd, 'yearReport'))!];
        for (const f of files) await writeFile(join(dir, f.filename), f.content);
        // Its own profile, so that conversions running at the same time do not share LibreOffice's lock.
        await run('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...files.map((f) => join(dir, f.filename))], { timeout: 120_000 });
        for (const f of files) {
          const { stdout } = await run('pdftotext', [join(dir, f.filename.replace(/\.docx$/, '.pdf')), '-']);
          for (const unit of config.bloc.units) expect(stdout.replace(/\s+/g, ' '), `${f.filename}: ${unit.name}`).toContain(unit.name);
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    150_000,
  );
});
