/** The year report (báo cáo tổng kết) of a bloc that signed its pledge at a conference. */
import { describe, expect, it } from 'vitest';
import { buildDraft } from '../../functions/documents/index.js';
import { phaseInstants } from '../../functions/domain/index.js';
import { conferenceDossier } from './fixture.js';
import { docxText } from './read.js';

const yearReport = async () => docxText((await buildDraft(conferenceDossier({ sittings: ['pledge'] }), 'yearReport'))!.content);

describe('the participation table of a bloc that signed its pledge at its conference', () => {
  it('never says the units sent on the system what they signed at the conference', async () => {
    const text = await yearReport();
    expect(text).not.toContain('Thời điểm các đơn vị gửi trên hệ thống Thi đua:');
    expect(text).toContain('Các đơn vị ký tại hội nghị:');
  });

  it('marks each signer "Ký tại hội nghị" with the day, and the unit that did not sign there, never "Không gửi"', async () => {
    const text = await yearReport();
    expect(text).toContain('Văn phòng Tỉnh ủy\nKý tại hội nghị 15/01/2026');
    expect(text).toContain('Đảng ủy Khối các cơ quan tỉnh\nChưa ký tại hội nghị');
    expect(text).not.toContain('Không gửi');
  });
});

describe('the participation table of a bloc that signed at its conference and self-assessed on the system', () => {
  it('says it shows both what was signed at the conference and what was sent on the system', async () => {
    const dossier = conferenceDossier({ sittings: ['pledge'] });
    const selfAssessment = { phase: 'selfAssessment' as const, ...phaseInstants(dossier.cycle.config.timeline.selfAssessment!), units: [] };
    const text = docxText((await buildDraft({ ...dossier, participation: [...dossier.participation, selfAssessment] }, 'yearReport'))!.content);
    expect(text).toContain('Thời điểm các đơn vị ký tại hội nghị hoặc gửi trên hệ thống Thi đua:');
  });
});
