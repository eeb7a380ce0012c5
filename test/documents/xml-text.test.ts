import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { awardProposalDocx } from '../../functions/documents/award-proposal.js';
import { meetingMinutesDocx } from '../../functions/documents/meeting-minutes.js';
import { scoreSummaryXlsx } from '../../functions/documents/score-summary.js';
import { ApprovalDecisionSchema, BlocSchema, XML_ILLEGAL, crossCheckSchema, defaultCriteriaSheet } from '../../functions/domain/index.js';
import { partyBloc } from '../domain/fixtures.js';
import { plainDossier } from './fixture.js';
import { docxText, hasCommand, readXlsx } from './read.js';

const run = promisify(execFile);
const officeTools = hasCommand('soffice') && hasCommand('pdftotext');
/** One of each kind XML 1.0 cannot carry: a C0 control, U+FFFE, U+FFFF, a lone surrogate. */
const ILLEGAL = ['\u0001', '\u000B', '\uFFFE', '\uFFFF', '\uD800'];

describe('free text', () => {
  it.each(ILLEGAL.map((c) => [JSON.stringify(c), c]))('refuses %s in a reason, a decision number and a unit name, naming the field', (_, c) => {
    const returned = ApprovalDecisionSchema.safeParse({ decision: 'return', reason: `Hồ sơ thiếu${c}` });
    expect(returned.success).toBe(false);
    expect(returned.error!.issues).toEqual([expect.objectContaining({ path: ['reason'], message: expect.stringMatching(/control characters or invalid Unicode/) })]);
    const approved = ApprovalDecisionSchema.safeParse({ decision: 'approve', decisionNumber: `22${c}10/QĐ-UBND` });
    expect(approved.error!.issues[0]!.path).toEqual(['decisionNumber']);
    const bloc = partyBloc();
    const renamed = BlocSchema.safeParse({ ...bloc, units: bloc.units.map((u, i) => (i === 0 ? { ...u, name: `${u.name}${c}` } : u)) });
    expect(renamed.error!.issues[0]!.path).toEqual(['units', 0, 'name']);
  });

  it('keeps tabs, line breaks, Vietnamese and emoji', () => {
    const correction = crossCheckSchema(defaultCriteriaSheet).shape.items.out.valueType;
    expect(correction.safeParse({ verdict: 'correct', points: 1, reason: 'Ban hành chậm\tso với\r\nquy định 🏆' }).success).toBe(true);
  });
});

describe('the official documents', () => {
  /** A dossier stored before the schemas refused these characters: names and reasons that carry them. */
  const tainted = () => {
    const dossier = plainDossier();
    dossier.cycle.config.bloc.name += ' \uFFFE';
    dossier.cycle.config.bloc.units.forEach((unit, i) => (unit.name = `${unit.name}${ILLEGAL[i % ILLEGAL.length]}`));
    Object.keys(dossier.units).forEach((id, i) => (dossier.units[id] = `${dossier.units[id]}${ILLEGAL[i % ILLEGAL.length]}`));
    return dossier;
  };

  it('write no character XML cannot carry, whatever the stored text holds', async () => {
    const dossier = tainted();
    for (const content of [await scoreSummaryXlsx(dossier), await meetingMinutesDocx(dossier), await awardProposalDocx(dossier)]) {
      for (const [part, bytes] of Object.entries(unzipSync(content)).filter(([name]) => /\.(xml|rels)$/.test(name))) {
        expect(XML_ILLEGAL.test(strFromU8(bytes)), part).toBe(false);
      }
    }
    const summary = await readXlsx(await scoreSummaryXlsx(dossier));
    expect(summary.worksheets[0]!.getSheetValues().flat().map(String)).toContain('Văn phòng Tỉnh ủy');
    expect(docxText(await meetingMinutesDocx(dossier))).toContain('Văn phòng Tỉnh ủy');
  });

  it.skipIf(!officeTools)('open in LibreOffice with every unit named', { timeout: 240_000 }, async () => {
    const dossier = tainted();
    const dir = await mkdtemp(join(tmpdir(), 'thidua-xml-text-'));
    try {
      const files = [['summary.xlsx', await scoreSummaryXlsx(dossier)], ['minutes.docx', await meetingMinutesDocx(dossier)]] as const;
      for (const [name, content] of files) await writeFile(join(dir, name), content);
      await run('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...files.map(([name]) => join(dir, name))], { timeout: 200_000 });
      for (const [name] of files) {
        await run('pdftotext', [join(dir, name.replace(/\.\w+$/, '.pdf')), join(dir, `${name}.txt`)]);
        expect(await readFile(join(dir, `${name}.txt`), 'utf8'), name).toContain('Ban Tổ chức Tỉnh ủy');
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
