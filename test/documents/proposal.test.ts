/** What the Tờ trình says of the bloc's vote: its subject, the vote's dates and how the members voted. */
import { describe, expect, it } from 'vitest';
import { buildDocuments } from '../../functions/documents/index.js';
import type { ScoredDossier } from '../../functions/dossier/index.js';
import { conferenceDossier, plainDossier } from './fixture.js';
import { docxText } from './read.js';

const proposalOf = async (dossier: ScoredDossier) => docxText((await buildDocuments(dossier, ['awardProposal']))[0]!.content);

describe('the subject (trích yếu) of the Tờ trình', () => {
  it('titles the Tờ trình with the certificate alone when no flag is proposed', async () => {
    const text = await proposalOf(plainDossier(undefined, { flagQuota: 0 }));
    expect(text).toContain('Về việc đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh năm 2026\ncho các đơn vị thuộc');
    expect(text).not.toContain('Về việc đề nghị tặng Cờ thi đua');
  });

  it('titles the Tờ trình as the vote\'s result, proposing no award, when nothing is proposed', async () => {
    const dossier = plainDossier(undefined, { flagQuota: 0 });
    const text = await proposalOf({ ...dossier, awards: { proposed: {} } });
    expect(text).toContain('Về kết quả bình xét, suy tôn thi đua năm 2026\ncủa các đơn vị thuộc');
    expect(text).not.toContain('Về việc đề nghị tặng');
  });
});

describe('the principles the Tờ trình cites', () => {
  it('cites the written votes of absent members under the decree in force, as the other rules, never NĐ 98/2023 alone', async () => {
    const text = await proposalOf(conferenceDossier());
    expect(text).toContain('; Nghị định 98/2023/NĐ-CP, Điều 30 khoản 7 (nay Nghị định 152/2025/NĐ-CP): thành viên vắng mặt biểu quyết bằng văn bản');
    expect(text).not.toMatch(/98\/2023\/NĐ-CP, Điều 30 khoản 7:/);
  });
});
