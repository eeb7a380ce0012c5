/** A cụm's documents: "cụm", "Cụm trưởng", "Cụm phó" wherever a khối's say "khối". */
import { describe, expect, it } from 'vitest';
import { buildDocuments, buildDraft } from '../../functions/documents/index.js';
import { provinceProposalDocx } from '../../functions/documents/province-proposal.js';
import { provinceViewOf } from '../../functions/dossier/index.js';
import { RULE_SOURCES, defaultGovernmentFlagRules, sectorAwarding, type BlocRulesInput } from '../../functions/domain/index.js';
import type { ScoredDossier } from '../../functions/dossier/index.js';
import { partyBloc } from '../domain/fixtures.js';
import { conferenceDossier } from './fixture.js';
import { docxText, readXlsx } from './read.js';

/** A cụm of the Ministry of Justice that held its three conferences, a unit withdrawn from its proposal; its name says "Cụm" too. */
function cum(rules: BlocRulesInput = {}): ScoredDossier {
  const dossier = conferenceDossier({ bloc: { ...partyBloc(), name: 'Cụm thi đua số 3' }, sittings: ['pledge', 'midYear'], rules: { awarding: sectorAwarding('Bộ Tư pháp', 'cum'), ...rules } });
  return { ...dossier, approval: { ...dossier.approval, withdrawn: ['ubkt'] } };
}

/**
 * A text less what the cụm's own data says (its units' names such as "Đảng ủy Khối các cơ quan tỉnh", its
 * sheet's title, its agenda items) and the legal sources quoted ("khối, cụm thi đua"): the documents' own wording.
 */
function ownWording(dossier: ScoredDossier, text: string): string {
  const agenda = [dossier.meeting!, ...dossier.conferences.flatMap((c) => (c.record ? [c.record] : []))].flatMap((r) => r.agenda.map((a) => a.item));
  const data = [...Object.values(dossier.units), dossier.cycle.config.sheet.title, ...agenda, RULE_SOURCES.flagQuota];
  return data.reduce((t, d) => t.replaceAll(d, ''), text);
}

const docx = async (dossier: ScoredDossier, kind: 'awardProposal' | 'meetingMinutes') => docxText((await buildDocuments(dossier, [kind]))[0]!.content);
const draft = async (dossier: ScoredDossier, kind: 'yearReport' | 'midYearReport') => docxText((await buildDraft(dossier, kind))!.content);

describe('the documents of a cụm', () => {
  it('says "cụm" throughout its Tờ trình, never "khối"', async () => {
    const dossier = cum();
    const text = await docx(dossier, 'awardProposal');
    expect(text).toContain('cụm tổ chức hội nghị ký kết giao ước thi đua');
    expect(text).toContain('cụm họp hội nghị tổng kết');
    expect(ownWording(dossier, text)).not.toMatch(/khối/i);
  });

  it('names the awarding body that returned the dossier, and the cụm, where the Tờ trình tells a withdrawal', async () => {
    expect(await docx(cum(), 'awardProposal')).toContain('Khi hoàn thiện hồ sơ theo ý kiến của Hội đồng Thi đua - Khen thưởng Bộ Tư pháp, cụm rút đề nghị đối với: Ủy ban Kiểm tra Tỉnh ủy.');
  });

  it('says "cụm" throughout its year-end minutes, where they explain a quota that left a unit out too', async () => {
    const dossier = cum({ certificateQuota: { kind: 'fixed', count: 3 } });
    const text = await docx(dossier, 'meetingMinutes');
    expect(text).toContain('cụm được đề nghị 3 Bằng khen');
    expect(ownWording(dossier, text)).not.toMatch(/khối/i);
  });

  it('says "cụm" throughout its year report and mid-year report', async () => {
    const dossier = cum();
    for (const text of [await draft(dossier, 'yearReport'), await draft(dossier, 'midYearReport')]) expect(ownWording(dossier, text)).not.toMatch(/khối/i);
  });

  it('names the cụm\'s criteria sheet in its score summary', async () => {
    const dossier = cum();
    const [file] = await buildDocuments(dossier, ['scoreSummary']);
    const texts = (await readXlsx(file!.content)).worksheets.flatMap((ws) => ws.getSheetValues().flat().filter((v): v is string => typeof v === 'string'));
    expect(texts.some((t) => t.includes('theo bảng tiêu chí của cụm'))).toBe(true);
    expect(texts.filter((t) => /khối/i.test(ownWording(dossier, t)))).toEqual([]);
  });
});

describe('the province\'s Tờ trình for the Government flag', () => {
  it('says a cụm\'s flag the leaders decided was decided by its Cụm trưởng and Cụm phó', async () => {
    const dossier = cum();
    const unitId = dossier.vote.proposal!.flag[0]!;
    const leadersChose = { ...dossier, vote: { ...dossier.vote, proposal: { ...dossier.vote.proposal!, flagDecidedBy: 'leaders' as const, leaderDecision: { flagUnitId: unitId, reason: 'Nhiều mô hình mới' } } } };
    const view = provinceViewOf(2026, [{ dossier: leadersChose }], [], new Date('2027-01-10T00:00:00Z'));
    const choice = { year: 2026, nominees: [{ blocId: dossier.cycle.blocId, unitId, reason: 'Dẫn đầu cụm ba năm liền' }], exceptionReason: '', rules: defaultGovernmentFlagRules, quota: 1, exceptions: [], decidedAt: '2027-01-10T00:00:00.000Z' };
    const text = docxText(await provinceProposalDocx({ view, choice, province: 'Đắk Lắk', reports: {}, board: {} }));
    expect(text).toContain('Cụm trưởng, Cụm phó quyết định');
    expect(text).not.toContain('Trưởng khối');
  });
});
