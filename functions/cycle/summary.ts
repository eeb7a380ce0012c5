/**
 * The results summary table as CSV, attached to the results email: one row per unit with place, totals,
 * classification and award. UTF-8 with a byte-order mark so that Excel shows the diacritics.
 */
import { CLASSIFICATION_LABELS, fromHundredths, type CycleConfig } from '../domain/index.js';
import type { FinalResult, ScoresResult } from './results.js';

const cell = (value: string | number) => {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

export function summaryCsv(config: CycleConfig, scores: ScoresResult, final: FinalResult): Uint8Array {
  const vi = config.language !== 'en';
  const header = vi
    ? ['Thứ hạng', 'Đơn vị', 'Điểm chuẩn', 'Điểm thưởng', 'Điểm trừ', 'Tổng điểm', 'Xếp loại', 'Đề nghị khen thưởng']
    : ['Place', 'Unit', 'Standard', 'Bonus', 'Penalty', 'Total', 'Classification', 'Award'];
  const name = (id: string) => config.bloc.units.find((u) => u.id === id)?.name ?? id;
  const award = (id: string) =>
    final.flag.includes(id) ? (vi ? 'Cờ thi đua' : 'Emulation flag') : final.certificate.includes(id) ? (vi ? 'Bằng khen' : 'Certificate of Merit') : '';
  const lines = scores.rows.map((r) =>
    [r.place, name(r.unitId), fromHundredths(r.standard), fromHundredths(r.bonus), fromHundredths(r.penalty), fromHundredths(r.total), CLASSIFICATION_LABELS[r.classification][config.language], award(r.unitId)]
      .map(cell)
      .join(','),
  );
  return new TextEncoder().encode('\uFEFF' + [header.map(cell).join(','), ...lines].join('\r\n') + '\r\n');
}
