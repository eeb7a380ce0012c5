import { describe, expect, it } from 'vitest';
import { buildDocuments, buildDraft } from '../../functions/documents/index.js';
import type { ScoredDossier } from '../../functions/dossier/index.js';
import { conferenceDossier } from './fixture.js';
import { docxText } from './read.js';

const minutesOf = async (dossier: ScoredDossier) => docxText((await buildDocuments(dossier, ['meetingMinutes']))[0]!.content);
const yearReportOf = async (dossier: ScoredDossier) => docxText((await buildDraft(dossier, 'yearReport'))!.content);
const names = (dossier: ScoredDossier, ids: string[]) => ids.map((id) => dossier.units[id]!);

describe('the year-end conference in its minutes and the year report', () => {
  it('names the units present as the signers of next year\'s pledge, and the absent unit as not signed there', async () => {
    const dossier = conferenceDossier();
    const present = dossier.cycle.config.bloc.units.map((u) => u.id).filter((id) => id !== 'bao-tinh');
    for (const text of [await minutesOf(dossier), await yearReportOf(dossier)]) {
      expect(text).toContain(`Tại hội nghị, 8/9 đơn vị thành viên có mặt ký giao ước thi đua năm 2027: ${names(dossier, present).join('; ')}.`);
      expect(text).toContain('Chưa ký tại hội nghị (vắng mặt): Báo tỉnh.');
      expect(text).not.toContain('Các đơn vị thành viên ký giao ước');
    }
  });

  it('says next year\'s pledge was not signed at a conference that did not sign it, naming no signer', async () => {
    const dossier = conferenceDossier({ record: { pledgeSigned: false } });
    for (const text of [await minutesOf(dossier), await yearReportOf(dossier)]) {
      expect(text).toContain('Giao ước thi đua năm 2027 chưa được ký tại hội nghị.');
      expect(text).not.toMatch(/ký giao ước thi đua năm 2027:/);
    }
  });
});
