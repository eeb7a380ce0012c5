import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDocuments, buildDraft, type DocumentFile } from '../../functions/documents/index.js';
import type { Dossier } from '../../functions/dossier/index.js';
import { partyBloc } from '../domain/fixtures.js';
import { conferenceDossier, plainDossier } from './fixture.js';
import { convertToPdf, countUnbroken, docxCells, docxText, hasCommand, pdfPages, pdfText } from './read.js';

const officeTools = hasCommand('soffice') && hasCommand('pdftotext') && hasCommand('pdfinfo');
const skipped = officeTools ? '' : ' (skipped: soffice or poppler is not installed; see .ci/run)';

/** Unit names as long as real ones, with words that would break in a narrow column. */
const LONG_NAMES: Record<string, string> = {
  'vp-tinh-uy': 'Văn phòng Ủy ban nhân dân tỉnh và Ban Chỉ đạo phòng, chống tham nhũng, tiêu cực',
  'ban-to-chuc': 'Ban Quản lý các khu công nghiệp và khu kinh tế tỉnh',
  'ban-dan-van': 'Trường Chính trị Tôn Đức Thắng tỉnh Đắk Lắk',
  ubkt: 'Ủy ban Kiểm tra Tỉnh ủy và Cơ quan Ủy ban Kiểm tra',
};
const longBloc = () => partyBloc((u) => (LONG_NAMES[u.id] ? { name: LONG_NAMES[u.id]! } : {}));

/** The mid-year minutes of a sitting with 1 to 10 agenda items: as the body grows by a line, its end crosses a page's foot once. */
function midYearWithAgenda(items: number): Dossier {
  const dossier = conferenceDossier({ sittings: ['midYear'] });
  const agenda = Array.from({ length: items }, (_, i) => ({ item: `Nội dung thứ ${i + 1} của hội nghị sơ kết`, adopted: true }));
  return { ...dossier, conferences: dossier.conferences.map((c) => ({ ...c, record: c.record && { ...c.record, agenda } })) };
}

describe.skipIf(!officeTools)(`the minutes, the proposal and the report drafts as LibreOffice lays them out on A4${skipped}`, () => {
  let dir: string;
  /** Each document, with its PDF. */
  let documents: Array<{ file: DocumentFile; pdf: string }>;
  let growing: Array<{ file: DocumentFile; pdf: string }>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'thidua-pages-'));
    const conference = conferenceDossier({ bloc: longBloc(), sittings: ['pledge', 'midYear'] });
    const files = [
      ...(await buildDocuments(conference, ['meetingMinutes', 'awardProposal'])),
      ...(await buildDocuments(plainDossier(longBloc()), ['meetingMinutes'])).map((f) => ({ ...f, filename: `truc-tuyen-${f.filename}` })),
      (await buildDraft(conference, 'pledgeMinutes'))!,
      (await buildDraft(conference, 'midYearMinutes'))!,
      (await buildDraft(conference, 'midYearReport'))!,
      (await buildDraft(conference, 'yearReport'))!,
    ];
    const agendas = await Promise.all(Array.from({ length: 10 }, async (_, i) => ({ ...(await buildDraft(midYearWithAgenda(i + 1), 'midYearMinutes'))!, filename: `so-ket-${i + 1}.docx` })));
    for (const f of [...files, ...agendas]) await writeFile(join(dir, f.filename), f.content);
    const pdfs = await convertToPdf(dir, [...files, ...agendas].map((f) => f.filename));
    documents = files.map((file, i) => ({ file, pdf: pdfs[i]! }));
    growing = agendas.map((file, i) => ({ file, pdf: pdfs[files.length + i]! }));
  }, 150_000);

  afterAll(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined));

  it('keeps every word and number of the tables whole, wrapping long unit names between words', async () => {
    for (const { file, pdf } of documents) {
      const text = await pdfText(pdf);
      const words = docxText(file.content).split(/\s+/);
      const inCells = new Set(docxCells(file.content).flatMap((cell) => cell.split(/\s+/)).filter(Boolean));
      // As many whole words in the PDF as in the document: a word broken across two lines is missing once.
      const broken = [...inCells].filter((w) => countUnbroken(text, w) < words.filter((x) => x === w).length);
      expect(broken, file.filename).toEqual([]);
      // A name in running text reads whole; in a table cell pdftotext interleaves the next column's line, so there its words are what is checked (above).
      const cells = docxCells(file.content);
      const inRunningText = (name: string) => docxText(file.content).split(name).length - 1 > cells.filter((cell) => cell.includes(name)).length;
      for (const name of Object.values(LONG_NAMES).filter(inRunningText)) expect(countUnbroken(text, name), `${file.filename}: ${name}`).toBeGreaterThan(0);
    }
  });

  it('puts the signature block on the page of the sentence before it, however long the document', async () => {
    for (const { file, pdf } of [...documents, ...growing]) {
      const pages = await pdfPages(pdf);
      const last = await pdfText(pdf, pages);
      const closing = docxText(file.content).split('\n').findLast((line) => line.endsWith('./.'))!;
      expect(countUnbroken(last, closing), `${file.filename}, page ${pages}: ${last}`).toBe(1);
    }
  });
});
