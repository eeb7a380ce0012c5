import type ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { scoreSummaryXlsx } from '../../functions/documents/score-summary.js';
import { criteriaOf, districtsCriteriaSheet, selfAssessmentSchema } from '../../functions/domain/index.js';
import { partyBloc } from '../domain/fixtures.js';
import { plainDossier } from './fixture.js';
import { readXlsx } from './read.js';

/** A unit's submission on the districts' sheet as the form stores it: standard rows at their maximum less `short`, with `extra` on top. */
const submission = (short: number, extra: Record<string, unknown> = {}) => {
  const standard = criteriaOf(districtsCriteriaSheet).filter((c) => c.kind === 'standard').map((c) => [c.code, { points: c.code === 'I.1' ? c.maxPoints - short : c.maxPoints }]);
  return selfAssessmentSchema(districtsCriteriaSheet, 'submission').parse({ scores: { ...Object.fromEntries(standard), ...extra } }).scores;
};

/** Every text of a worksheet, row by row. */
const textOf = (ws: ExcelJS.Worksheet) => {
  const lines: string[] = [];
  ws.eachRow((row) => lines.push((row.values as unknown[]).filter((v) => typeof v === 'string').join(' | ')));
  return lines.join('\n');
};

describe('the score summary of a cluster scored on the districts\' sheet', () => {
  const bloc = partyBloc();
  const submissions = Object.fromEntries(
    bloc.units.map((u, i) => [
      u.id,
      i === 0
        ? submission(0, { 'VII.1': { points: 10, note: 'QĐ 15/QĐ-UBND' }, 'VII.3': { points: 20, note: 'Bốn mô hình' }, 'VIII.2': { count: 2 } })
        : submission(5 * i, i === 1 ? { 'VIII.1': { count: 1 } } : {}),
    ]),
  );
  const dossier = plainDossier(bloc, undefined, { sheet: districtsCriteriaSheet, submissions });

  it('counts a total above the scale as the scale, and its remark says what it added up to', async () => {
    const ws = (await readXlsx(await scoreSummaryXlsx(dossier))).getWorksheet('Tổng hợp')!;
    expect(dossier.scores.rows[0]).toMatchObject({ unitId: bloc.units[0]!.id, total: 100_000, uncapped: 102_600 });
    expect(textOf(ws)).toContain('Cộng được 1.026 điểm, tính tối đa 1.000 điểm theo thang điểm');
    expect(textOf(ws)).toContain('không vượt quá thang điểm 1.000 điểm');
  });

  it('shows the count of a per-occurrence deduction with the points it cost', async () => {
    const text = textOf((await readXlsx(await scoreSummaryXlsx(dossier))).getWorksheet('Tổng hợp')!);
    expect(text).toContain('VIII.2: 2 lần, trừ 4 điểm');
    expect(text).toContain('VIII.1: 1 lần, trừ 10 điểm');
  });

  it('heads the detail columns of all-or-nothing and per-occurrence criteria with their rule', async () => {
    const text = textOf((await readXlsx(await scoreSummaryXlsx(dossier))).getWorksheet('Chi tiết tiêu chí')!);
    expect(text).toContain('VII.1 thưởng (0 hoặc 10)');
    expect(text).toContain('VIII.2 trừ (2/lần, tối đa 20)');
  });
});
