import { describe, expect, it } from 'vitest';
import { renderPage } from '../../functions/web/render.js';

/** A scored dossier of two units, the second marked ineligible (under inspection) before scoring. */
const dossier = {
  units: { 'vp-tinh-uy': 'Văn phòng Tỉnh ủy', 'bao-tinh': 'Báo tỉnh' },
  scores: {
    rows: [
      { unitId: 'vp-tinh-uy', place: 1, submitted: true, crossChecked: true, standard: 99500, bonus: 0, penalty: 0, total: 99500, classification: 'xuatSac', eligible: true, criteria: [] },
      { unitId: 'bao-tinh', place: 2, submitted: true, crossChecked: true, standard: 99200, bonus: 0, penalty: 0, total: 99200, classification: 'xuatSac', eligible: false, ineligibility: 'inspection', criteria: [] },
    ],
  },
  awards: { proposed: { 'vp-tinh-uy': 'flag' } },
  files: [],
  cycle: { config: { rules: { requiredScans: [] } } },
};
const rankingRowOf = (html: string, unit: string) => html.match(new RegExp(`<tr><td class="num">\\d+</td><td>${unit}[\\s\\S]*?</tr>`))![0];

describe('the ranking on the dossier', () => {
  it('shows the approver a unit marked ineligible as such, with its reason', () => {
    const { body } = renderPage('approval.njk', { view: { dossier, linkId: 'x', open: false }, errors: {} }, 'vi');
    expect(rankingRowOf(body, 'Báo tỉnh')).toContain('Không đủ điều kiện khen thưởng: đang thanh tra, kiểm tra');
  });
});
