import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESULT_NAMES, readResult, type FinalResult, type Proposal, type ScoresResult, type VoteRound } from '../../functions/cycle/results.js';
import { loadScoredDossier } from '../../functions/cycle/context.js';
import { buildDocuments, writeDossier, type DocumentFile } from '../../functions/documents/index.js';
import { CLASSIFICATION_LABELS, formatPoints, fromHundredths } from '../../functions/domain/index.js';
import { SUBJECT } from '../cycle/fixtures.js';
import { CORRECTED, WITHDRAWN, runDocumentsCycle, type DocumentsCycle } from './cycle.js';
import { docxText, hasCommand, readXlsx, rowValues } from './read.js';

const run = promisify(execFile);
const officeTools = hasCommand('soffice') && hasCommand('pdftotext');

describe('the dossier documents of a cycle with a correction, a runoff, a return and an approval', () => {
  let c: DocumentsCycle;
  let files: DocumentFile[];
  let scores: ScoresResult;
  let proposal: Proposal;
  let final: FinalResult;
  let rounds: VoteRound[];
  const name = (unitId: string) => c.config.bloc.units.find((u) => u.id === unitId)!.name;
  const file = (kind: DocumentFile['kind']) => files.find((f) => f.kind === kind)!;

  beforeAll(async () => {
    c = await runDocumentsCycle();
    const { store } = c.h.deps;
    files = await buildDocuments(await loadScoredDossier(store, c.cycleId));
    scores = (await readResult<ScoresResult>(store, c.cycleId, RESULT_NAMES.scores))!;
    proposal = (await readResult<Proposal>(store, c.cycleId, RESULT_NAMES.proposal))!;
    final = (await readResult<FinalResult>(store, c.cycleId, RESULT_NAMES.final))!;
    rounds = [(await readResult<VoteRound>(store, c.cycleId, RESULT_NAMES.vote(1)))!, (await readResult<VoteRound>(store, c.cycleId, RESULT_NAMES.vote(2)))!];
  }, 180_000);

  afterAll(() => c?.h.stop());

  it('ran the cycle the documents describe', () => {
    expect(rounds[0]!.outcome.kind).toBe('runoff');
    expect(proposal).toMatchObject({ flag: ['ban-to-chuc'], flagDecidedBy: 'vote' });
    expect(final).toMatchObject({ status: 'approved', flag: ['ban-to-chuc'], certificate: ['vp-tinh-uy', 'ban-tuyen-giao', 'ban-dan-van'], withdrawn: [WITHDRAWN] });
  });

  it('makes the score summary as XLSX and the minutes and the proposal as DOCX', () => {
    expect(files.map((f) => [f.kind, f.filename.replace(c.config.bloc.id, 'BLOC'), f.contentType])).toEqual([
      ['scoreSummary', 'bang-tong-hop-ket-qua-BLOC-2026.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      ['meetingMinutes', 'bien-ban-binh-xet-BLOC-2026.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['awardProposal', 'to-trinh-de-nghi-khen-thuong-BLOC-2026.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ]);
  });

  it('lists every unit in the summary with its stored total, place, classification and the award it is proposed for', async () => {
    const sheet = (await readXlsx(file('scoreSummary').content)).getWorksheet('Tổng hợp')!;
    const header = rowValues(sheet, 5);
    const column = (title: string) => header.indexOf(title);
    const award = (unitId: string) => (final.flag.includes(unitId) ? 'Cờ thi đua của UBND tỉnh' : final.certificate.includes(unitId) ? 'Bằng khen của Chủ tịch UBND tỉnh' : '');
    const table = scores.rows.map((_, i) => rowValues(sheet, 7 + i));
    expect(table.map((r) => [r[1], r[column('Tổng điểm')], r[column('Xếp hạng')], r[column('Xếp loại')], r[column('Đề nghị khen thưởng')] ?? ''])).toEqual(
      scores.rows.map((r) => [name(r.unitId), fromHundredths(r.total), r.place, CLASSIFICATION_LABELS[r.classification].vi, award(r.unitId)]),
    );
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 6, xSplit: 2 });
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToWidth: 1 });
  });

  it('shows the corrected unit\'s self-assessed and cross-checked points, per section, per criterion and with the reason', async () => {
    const workbook = await readXlsx(file('scoreSummary').content);
    const at = scores.rows.findIndex((r) => r.unitId === CORRECTED);
    expect(rowValues(workbook.getWorksheet('Tổng hợp')!, 7 + at).slice(2, 4)).toEqual([360, 355]); // section I
    expect(rowValues(workbook.getWorksheet('Chi tiết tiêu chí')!, 7 + at).slice(2, 4)).toEqual([100, 95]); // I.1
    const corrections = workbook.getWorksheet('Kiểm tra chéo')!.getSheetValues().flat().map(String);
    expect(corrections).toContain('Chương trình công tác năm ban hành chậm so với quy định');
  });

  it('records in the minutes who voted in each round, every tally against its threshold, and the outcome', () => {
    const text = docxText(file('meetingMinutes').content);
    for (const row of scores.rows) expect(text).toContain(`${name(row.unitId)}\n${formatPoints(row.total)}`);
    expect(text).toContain(`${name('bao-tinh')}\nĐã bỏ phiếu\nKhông bỏ phiếu`);
    expect(text).toContain('Số đơn vị bỏ phiếu vòng 1: 9/9; vòng 2: 8/9');
    const tally = (unitId: string, round: VoteRound) => round.flag.find((t) => t.unitId === unitId)!;
    expect(tally('vp-tinh-uy', rounds[0]!).approvals).toBe(5);
    expect(text).toContain(`${name('vp-tinh-uy')}\nCờ thi đua\n5\n4\n55,56%\n80%\nKhông đạt`);
    expect(text).toContain(`${name('ban-to-chuc')}\nCờ thi đua\n8\n1\n88,89%\n80%\nĐạt`);
    expect(text).toContain(`bỏ phiếu lại vòng 2 giữa ${name('vp-tinh-uy')}, ${name('ban-to-chuc')}`);
    expect(text).toContain(`${name('ban-to-chuc')} làm Trưởng khối, ${name('ban-tuyen-giao')} làm Phó Trưởng khối năm 2027`);
  });

  it('proposes to the province the approved awards with their votes, naming the withdrawn unit and the legal basis', () => {
    const text = docxText(file('awardProposal').content);
    for (const row of scores.rows) expect(text).toContain(`${name(row.unitId)}\n${formatPoints(row.total)}`);
    expect(text).toContain(`${name('ban-to-chuc')}\n995\n1\nCờ thi đua của UBND tỉnh\n8/9 (88,89%)`);
    for (const unitId of final.certificate) expect(text).toMatch(new RegExp(`${name(unitId)}\\n[\\d.]+\\n\\d\\nBằng khen của Chủ tịch UBND tỉnh\\n9/9`));
    expect(text).not.toMatch(new RegExp(`${name(WITHDRAWN)}\\n[\\d.]+\\n\\d\\nBằng khen`));
    expect(text).toContain(`rút đề nghị đối với: ${name(WITHDRAWN)}`);
    expect(text).toContain('Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022 (Luật số 06/2022/QH15);');
  });

  it('names the persons who sign every signature block, by name and title, with no form hint', async () => {
    const leader = c.config.bloc.units.find((u) => u.id === 'vp-tinh-uy')!.people!;
    const minutes = docxText(file('meetingMinutes').content);
    const proposalText = docxText(file('awardProposal').content);
    expect(minutes).toMatch(new RegExp(`THƯ KÝ\\n[\\s\\S]*${leader.officer.name}\\n${leader.officer.title}`));
    expect(minutes).toMatch(new RegExp(`TRƯỞNG KHỐI\\n[\\s\\S]*${leader.head.name}\\n${leader.head.title}`));
    expect(proposalText).toMatch(new RegExp(`TRƯỞNG KHỐI\\n[\\s\\S]*${leader.head.name}\\n${leader.head.title}`));
    for (const text of [minutes, proposalText]) expect(text).not.toContain('Ký, ghi rõ họ tên');
    const summary = (await readXlsx(file('scoreSummary').content)).getWorksheet('Tổng hợp')!.getSheetValues().flat().map(String);
    expect(summary).toEqual(expect.arrayContaining(['NGƯỜI LẬP BIỂU', leader.officer.name, leader.head.name, leader.head.title]));
  });

  it('says the vote was an online secret ballot, not a meeting, a paper ballot or a written vote', () => {
    const minutes = docxText(file('meetingMinutes').content);
    expect(minutes).toContain('bỏ phiếu kín trực tuyến trên hệ thống Thi đua, không họp tập trung');
    expect(docxText(file('awardProposal').content)).toContain('bỏ phiếu kín');
    for (const text of [minutes, docxText(file('awardProposal').content)]) {
      expect(text).not.toMatch(/Hội nghị thống nhất|phiếu giấy|biểu quyết bằng văn bản|thống nhất thông qua/);
    }
  });

  it('heads the documents of a Party bloc with the Party header and the place and date', () => {
    const text = docxText(file('awardProposal').content);
    expect(text).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(text).not.toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toMatch(/Đắk Lắk, ngày \d{2} tháng \d{1,2} năm 2026/);
  });

  it('attaches the three documents to each approval request and the summary to the results email', async () => {
    const requests = (await c.h.mailTo(c.config.approverEmail)).filter((m) => SUBJECT.approval.test(m.subject));
    expect(requests.map((m) => m.attachments.map((a) => a.filename))).toEqual([files.map((f) => f.filename), files.map((f) => f.filename)]);
    const unit = c.config.bloc.units[0]!;
    const results = (await c.h.mailTo(unit.email)).find((m) => SUBJECT.results.test(m.subject))!;
    expect(results.attachments.map((a) => a.filename)).toEqual([file('scoreSummary').filename]);
  });

  it('writes the documents into a folder for the demo', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'thidua-dossier-'));
    try {
      const paths = await writeDossier(dir, await loadScoredDossier(c.h.deps.store, c.cycleId));
      expect((await readdir(dir)).sort()).toEqual(files.map((f) => f.filename).sort());
      expect(paths).toHaveLength(3);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!officeTools)(
    `opens in LibreOffice: each file converts to PDF showing every unit's name${officeTools ? '' : ' (skipped: soffice or pdftotext is not installed; see .ci/run)'}`,
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'thidua-office-'));
      try {
        const paths = await writeDossier(dir, await loadScoredDossier(c.h.deps.store, c.cycleId));
        // Its own profile, so that conversions running at the same time do not share LibreOffice's lock.
        await run('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...paths], { timeout: 120_000 });
        for (const f of files) {
          const pdf = join(dir, f.filename.replace(/\.(xlsx|docx)$/, '.pdf'));
          const { stdout } = await run('pdftotext', [pdf, '-']);
          for (const row of scores.rows) expect(stdout.replace(/\s+/g, ' '), `${f.filename}: ${name(row.unitId)}`).toContain(name(row.unitId));
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    150_000,
  );
});
