import type ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { scoreSummaryXlsx } from '../../functions/documents/score-summary.js';
import { fromHundredths } from '../../functions/domain/index.js';
import { plainDossier } from './fixture.js';
import { readXlsx, rowValues } from './read.js';

/** Every text of a worksheet, row by row. */
const textOf = (ws: ExcelJS.Worksheet) => {
  const lines: string[] = [];
  ws.eachRow((row) => lines.push((row.values as unknown[]).filter((v) => typeof v === 'string').join(' | ')));
  return lines.join('\n');
};

describe('the score summary of a bloc that held no cross-check', () => {
  const dossier = plainDossier(); // scored from the self-assessments alone
  const sections = dossier.cycle.config.sheet.sections.filter((s) => s.criteria.some((c) => c.kind === 'standard'));
  const workbook = async () => readXlsx(await scoreSummaryXlsx(dossier));

  it('has no sheet of cross-check results', async () => {
    expect((await workbook()).worksheets.map((ws) => ws.name)).toEqual(['Tổng hợp', 'Chi tiết tiêu chí']);
  });

  it('never mentions a cross-check, in a header, a remark or a note', async () => {
    for (const ws of (await workbook()).worksheets) {
      expect(textOf(ws)).not.toMatch(/kiểm tra chéo|\bKT\b|\bTC\b/i);
    }
  });

  it('gives each section one column of points, the units\' own', async () => {
    const ws = (await workbook()).getWorksheet('Tổng hợp')!;
    const first = dossier.scores.rows[0]!;
    const own = sections.map((s) => fromHundredths(first.criteria.filter((c) => c.kind === 'standard' && s.criteria.some((k) => k.code === c.code)).reduce((sum, c) => sum + c.self, 0)));
    expect(rowValues(ws, 7).slice(2, 2 + sections.length + 1)).toEqual([...own, fromHundredths(first.standard)]);
    expect(textOf(ws)).toContain('Điểm theo bản tự chấm của đơn vị. Tổng điểm = điểm chuẩn');
  });

  it('gives each criterion one column in the detail sheet', async () => {
    const ws = (await workbook()).getWorksheet('Chi tiết tiêu chí')!;
    const criteria = dossier.cycle.config.sheet.sections.flatMap((s) => s.criteria);
    expect(rowValues(ws, 7).length).toBe(2 + criteria.length);
  });
});

describe('the signatures under the score summary', () => {
  it('signs a Party bloc\'s summary "T/M", as its Tờ trình and reports', async () => {
    const dossier = plainDossier(); // the Party bloc, under the Party header
    expect(dossier.cycle.config.bloc.headerStyle).toBe('party');
    const ws = (await readXlsx(await scoreSummaryXlsx(dossier))).getWorksheet('Tổng hợp')!;
    expect(textOf(ws)).toContain('T/M KHỐI THI ĐUA');
    expect(textOf(ws)).not.toContain('TM. KHỐI THI ĐUA');
  });
});
