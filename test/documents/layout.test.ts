import { describe, expect, it } from 'vitest';
import { buildDocuments } from '../../functions/documents/index.js';
import { placeAndDate } from '../../functions/documents/layout.js';
import { decimalsOf } from '../../functions/documents/score-summary.js';
import { BlocSchema, defaultCriteriaSheet } from '../../functions/domain/index.js';
import { partyBloc } from '../domain/fixtures.js';
import { plainDossier } from './fixture.js';
import { docxText } from './read.js';

describe('the administrative layout of the documents', () => {
  it('heads a state bloc\'s documents with the national motto, a "Số:" number and "TM." before the signatory', async () => {
    const dossier = plainDossier(BlocSchema.parse({ ...partyBloc(), headerStyle: 'state' }));
    const [, minutes, proposal] = await buildDocuments(dossier);
    for (const file of [minutes!, proposal!]) {
      const text = docxText(file.content);
      expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc');
      expect(text).not.toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    }
    expect(docxText(proposal!.content)).toMatch(/Số: +\/TTr-KTĐ/);
    expect(docxText(proposal!.content)).toContain('TM. KHỐI THI ĐUA\nTRƯỞNG KHỐI');
  });

  it('numbers a Party bloc\'s documents the Party way ("Số -TTr/KTĐ") and signs "T/M"', async () => {
    const [, , proposal] = await buildDocuments(plainDossier(partyBloc()));
    const text = docxText(proposal!.content);
    expect(text).toMatch(/Số +-TTr\/KTĐ/);
    expect(text).toContain('T/M KHỐI THI ĐUA\nTRƯỞNG KHỐI');
  });

  it('writes the date line with a leading zero for days below 10 and for January and February', () => {
    expect(placeAndDate('Đắk Lắk', '2027-01-04T20:00:00Z')).toBe('Đắk Lắk, ngày 05 tháng 01 năm 2027');
    expect(placeAndDate('Đồng Nai', '2026-12-10T17:00:00Z')).toBe('Đồng Nai, ngày 11 tháng 12 năm 2026');
  });

  it('makes only the score summary before the vote is over', async () => {
    const files = await buildDocuments({ ...plainDossier(), vote: { rounds: [], proposal: undefined, secret: [] } });
    expect(files.map((f) => f.kind)).toEqual(['scoreSummary']);
  });

  it('shows points with the decimals the sheet\'s steps need', () => {
    expect(decimalsOf(defaultCriteriaSheet)).toBe(2);
    const whole = { ...defaultCriteriaSheet, sections: defaultCriteriaSheet.sections.map((s) => ({ ...s, criteria: s.criteria.map((c) => ({ ...c, step: 1 })) })) };
    expect(decimalsOf(whole)).toBe(0);
  });
});
