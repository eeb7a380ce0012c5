/** What the minutes (Biên bản) say of who kept them and how the members voted. */
import { describe, expect, it } from 'vitest';
import { buildDocuments } from '../../functions/documents/index.js';
import { proposalFrom } from '../../functions/domain/index.js';
import type { ScoredDossier } from '../../functions/dossier/index.js';
import { partyBloc } from '../domain/fixtures.js';
import { CERTIFICATE_NOMINEES } from '../domain/meeting-fixture.js';
import { conferenceDossier, plainDossier } from './fixture.js';
import { personText } from '../../functions/documents/wording.js';
import { docxText } from './read.js';

const minutesOf = async (dossier: ScoredDossier) => docxText((await buildDocuments(dossier, ['meetingMinutes']))[0]!.content);

describe('the persons the minutes of an online ballot name', () => {
  it('leaves a dotted line for the secretary, never the leader unit\'s name, when no person is recorded', async () => {
    const bloc = partyBloc();
    const text = await minutesOf(plainDossier({ ...bloc, units: bloc.units.map(({ people: _, ...u }) => u) }));
    expect(text).toContain('Thư ký tổng hợp: …………………………….');
    expect(text).not.toMatch(/Thư ký tổng hợp: Văn phòng/);
  });
});

/** A conference that voted by show of hands, its flag settled in a second round. */
const showOfHands = () =>
  conferenceDossier({
    rules: { voteMode: 'showOfHands', writtenVotes: false },
    record: {
      countingCommittee: [],
      rounds: [
        { flag: { 'vp-tinh-uy': 5, 'ban-to-chuc': 3 }, certificate: Object.fromEntries(['vp-tinh-uy', 'ban-to-chuc', 'ban-tuyen-giao', 'ban-dan-van', 'ubkt'].map((id) => [id, 8])) },
        { flag: { 'vp-tinh-uy': 0, 'ban-to-chuc': 8 } },
      ],
    },
  });

describe('the minutes of a conference that voted by show of hands', () => {
  it('gives each member one right to vote, not one ballot', async () => {
    const text = await minutesOf(showOfHands());
    expect(text).toContain('Hình thức biểu quyết: biểu quyết giơ tay; mỗi đơn vị thành viên một quyền biểu quyết.');
  });

  it('heads each round "KẾT QUẢ BIỂU QUYẾT" and its column "Không đồng ý, không biểu quyết"', async () => {
    const text = await minutesOf(showOfHands());
    expect(text).toContain('KẾT QUẢ BIỂU QUYẾT VÒNG 1');
    expect(text).toContain('KẾT QUẢ BIỂU QUYẾT VÒNG 2');
    expect(text).toContain('Không đồng ý, không biểu quyết');
  });

  it('says the flag is voted on again by show of hands and passed by its share of approvals', async () => {
    const text = await minutesOf(showOfHands());
    expect(text).toContain('Cờ thi đua chưa được quyết định: biểu quyết lại vòng 2');
    expect(text).toContain('Cờ thi đua: Ban Tổ chức Tỉnh ủy đạt tỷ lệ đồng ý theo quy định.');
  });

  it('never speaks of a ballot paper', async () => {
    expect(await minutesOf(showOfHands())).not.toMatch(/bỏ phiếu|một phiếu|số phiếu|phiếu bầu|Phiếu bầu/i);
  });
});

describe('the Tờ trình of a conference that voted by show of hands', () => {
  it('heads the approvals column "Số đồng ý", not "Phiếu đồng ý"', async () => {
    const text = docxText((await buildDocuments(showOfHands(), ['awardProposal']))[0]!.content);
    expect(text).toContain('Số đồng ý');
    expect(text).not.toContain('Phiếu đồng ý');
  });
});

/**
 * A conference whose two rounds left the flag undecided ({vp 5, btc 3}, then {vp 4, btc 4}); the leaders
 * then (Văn phòng Tỉnh ủy, Ban Tuyên giáo Tỉnh ủy its deputy) chose Ban Tổ chức Tỉnh ủy, with a reason written without a full stop.
 */
function leadersChose(): ScoredDossier {
  const certificate = Object.fromEntries(CERTIFICATE_NOMINEES.map((id) => [id, 8]));
  const bloc = { ...partyBloc(), deputyUnitId: 'ban-tuyen-giao' };
  const dossier = conferenceDossier({ bloc, record: { rounds: [{ flag: { 'vp-tinh-uy': 5, 'ban-to-chuc': 3 }, certificate, writtenVoters: ['bao-tinh'] }, { flag: { 'vp-tinh-uy': 4, 'ban-to-chuc': 4 } }] } });
  const before = dossier.vote.proposal!;
  const leaderDecision = { flagUnitId: 'ban-to-chuc', reason: 'Đơn vị có nhiều mô hình mới' };
  const proposal = proposalFrom({ bloc, rows: dossier.scores.rows, nominations: dossier.scores.nominations, rounds: dossier.vote.rounds, firstRoundBallots: [], leaders: before.leaders, equalOrder: dossier.meeting!.equalOrder.map((d) => d.unitIds), leaderDecision });
  return { ...dossier, vote: { ...dossier.vote, proposal: { ...proposal, proposedAt: '2026-12-08T03:00:00.000Z' } } };
}

describe('the minutes of a conference whose flag the leaders decided afterwards', () => {
  it('never lists the leaders\' flag under what the conference agreed', async () => {
    const text = await minutesOf(leadersChose());
    expect(text).toContain('Hội nghị thống nhất đề nghị khen thưởng:\nCờ thi đua của UBND tỉnh: chưa được quyết định sau 2 vòng bỏ phiếu.');
    expect(text).not.toMatch(/Cờ thi đua của UBND tỉnh: Ban Tổ chức Tỉnh ủy/);
  });

  it('tells the leaders\' decision as its own act after the sitting: its date, the leader and deputy units by their heads, the reason closed by a full stop', async () => {
    const dossier = leadersChose();
    const { bloc } = dossier.cycle.config;
    const head = (id: string) => bloc.units.find((u) => u.id === id)!.people!.head!;
    const leader = bloc.leaderUnitId!;
    const deputy = bloc.deputyUnitId!;
    const text = await minutesOf(dossier);
    expect(text).toContain('QUYẾT ĐỊNH CỦA TRƯỞNG KHỐI VÀ PHÓ TRƯỞNG KHỐI VỀ CỜ THI ĐUA');
    expect(text).toContain(
      `Ngày 08/12/2026, sau hội nghị, Trưởng khối ${dossier.units[leader]} (${personText(head(leader))}) và Phó Trưởng khối ${dossier.units[deputy]} (${personText(head(deputy))}) ` +
        'quyết định đề nghị tặng Cờ thi đua của UBND tỉnh cho Ban Tổ chức Tỉnh ủy. Lý do: Đơn vị có nhiều mô hình mới.',
    );
  });
});
