import { describe, expect, it } from 'vitest';
import { awardProposalDocx } from '../../functions/documents/award-proposal.js';
import { meetingMinutesDocx } from '../../functions/documents/meeting-minutes.js';
import { BlocRulesSchema, partyAwarding, sectorAwarding, type Awarding } from '../../functions/domain/index.js';
import { plainDossier } from './fixture.js';
import { docxText } from './read.js';

async function documentsOf(awarding?: Awarding) {
  const dossier = plainDossier(undefined, awarding ? { awarding } : {});
  return { proposal: docxText(await awardProposalDocx(dossier)), minutes: docxText(await meetingMinutesDocx(dossier)), province: dossier.cycle.config.bloc.province };
}

describe('who awards, as the bloc’s rules say', () => {
  it('keeps a provincial bloc’s documents as before: the People’s Committee, Trưởng khối, KTĐ', async () => {
    const { proposal, minutes, province } = await documentsOf();
    expect(proposal).toContain(`Kính gửi: Hội đồng Thi đua - Khen thưởng tỉnh ${province}.`);
    expect(proposal).toContain('Cờ thi đua của UBND tỉnh');
    expect(proposal).toContain('Bằng khen của Chủ tịch UBND tỉnh');
    expect(proposal).toMatch(/TTr[-/]KTĐ/);
    expect(proposal).toContain('TRƯỞNG KHỐI');
    expect(minutes).toContain('Trưởng khối: ');
  });

  it('addresses a Party bloc’s proposal to the Organization Board, with the Party’s award names', async () => {
    const { proposal, minutes, province } = await documentsOf(partyAwarding);
    expect(proposal).toContain(`Kính gửi: Ban Tổ chức Tỉnh ủy ${province}.`);
    expect(proposal).toContain(`trình Ban Thường vụ Tỉnh ủy ${province} quyết định`);
    expect(proposal).toContain('Bằng khen của Ban Thường vụ Tỉnh ủy');
    expect(proposal).toContain('Cờ thi đua của Ban Chấp hành Đảng bộ tỉnh');
    expect(proposal).toContain('Thường trực Tỉnh ủy;');
    expect(proposal).not.toContain('UBND');
    expect(minutes).not.toContain('UBND');
  });

  it('gives a sector cụm its ministry’s awards and the cụm’s titles and code', async () => {
    const { proposal, minutes } = await documentsOf(sectorAwarding('Bộ Tư pháp', 'cum'));
    expect(proposal).toContain('Kính gửi: Hội đồng Thi đua - Khen thưởng Bộ Tư pháp.');
    expect(proposal).toContain('Bằng khen của Bộ trưởng Bộ Tư pháp');
    expect(proposal).toMatch(/TTr[-/]CTĐ/);
    expect(proposal).toContain('CỤM TRƯỞNG');
    expect(proposal).toContain('CỤM THI ĐUA');
    expect(proposal).not.toMatch(/Trưởng khối|TRƯỞNG KHỐI|KTĐ/);
    expect(minutes).toMatch(/BB[-/]CTĐ/);
    expect(minutes).toContain('Cụm trưởng: ');
    expect(minutes).not.toMatch(/Trưởng khối|TRƯỞNG KHỐI|KTĐ/);
  });

  it('refuses rules that name no awarding body, beside the field', () => {
    const result = BlocRulesSchema.safeParse({ awarding: { ...partyAwarding, body: ' ' } });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['awarding.body', 'must name the awarding body']]);
  });
});
