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

describe('the dates the Tờ trình gives an online vote', () => {
  /** The plain bloc's one round opened 01/12 and closed early on 05/12, its deadline 10/12; the proposal made on 07/12. */
  const sweptLater = () => {
    const dossier = plainDossier();
    return { ...dossier, vote: { ...dossier.vote, proposal: { ...dossier.vote.proposal!, proposedAt: '2026-12-07T03:00:00.000Z' } } };
  };

  it('tells the vote over the dates its round really ran, not the planned calendar', async () => {
    const text = await proposalOf(sweptLater());
    expect(text).toContain('Từ ngày 01/12/2026 đến ngày 05/12/2026, các đơn vị thành viên bỏ phiếu bình xét, suy tôn');
    expect(text).not.toContain('đến ngày 10/12/2026, các đơn vị thành viên bỏ phiếu');
  });

  it('tells each round over its own dates when the flag went to a second round', async () => {
    const dossier = sweptLater();
    const first = dossier.vote.rounds[0]!;
    const second = { ...first, round: 2, window: { opensAt: '2026-12-06T01:00:00.000Z', deadlineAt: '2026-12-12T16:59:59.000Z' } };
    const text = await proposalOf({ ...dossier, vote: { ...dossier.vote, rounds: [first, second] } });
    expect(text).toContain('Các đơn vị thành viên bỏ phiếu bình xét, suy tôn và bầu Trưởng khối, Phó Trưởng khối năm sau: vòng 1 từ ngày 01/12/2026 đến ngày 05/12/2026; vòng 2 từ ngày 06/12/2026 đến ngày 12/12/2026.');
  });

  it('says the vote was done on the last day its last round ran, not the day the proposal was made', async () => {
    const text = await proposalOf(sweptLater());
    expect(text).toContain('bình xét, suy tôn trực tuyến, hoàn thành ngày 05/12/2026.');
  });
});
