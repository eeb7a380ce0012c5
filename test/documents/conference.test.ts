import { describe, expect, it } from 'vitest';
import { buildDocuments, buildDraft } from '../../functions/documents/index.js';
import { phaseInstants } from '../../functions/domain/index.js';
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

describe('the time a conference sat, in its minutes', () => {
  it('writes it the administrative way, "08 giờ 00 phút ngày …", in the minutes of every conference', async () => {
    const dossier = conferenceDossier({ sittings: ['pledge', 'midYear'] });
    expect(await minutesOf(dossier)).toContain('Thời gian: 08 giờ 00 phút ngày 03/12/2026.');
    expect(docxText((await buildDraft(dossier, 'pledgeMinutes'))!.content)).toContain('Thời gian: 14 giờ 00 phút ngày 15/01/2026.');
    expect(docxText((await buildDraft(dossier, 'midYearMinutes'))!.content)).toContain('Thời gian: 08 giờ 00 phút ngày 08/07/2026.');
  });
});

describe('the minutes of a vote whose quota leaves out a unit that passed', () => {
  it('explains that the quota of certificates went to the units before it in the order the conference decided', async () => {
    const dossier = conferenceDossier({ rules: { certificateQuota: { kind: 'fixed', count: 3 } } });
    expect(dossier.vote.proposal!.certificate).toEqual(['vp-tinh-uy', 'ban-tuyen-giao', 'ubkt']);
    const text = await minutesOf(dossier);
    expect(text).toContain('Ban Dân vận Tỉnh ủy\nBằng khen\n8\n1\n88,89%\n50%\nĐạt');
    expect(text).toContain(
      'Ban Dân vận Tỉnh ủy đạt tỷ lệ đồng ý nhưng không được đề nghị Bằng khen: khối được đề nghị 3 Bằng khen, đã đủ với các đơn vị xếp trước theo thứ tự hội nghị thống nhất giữa các đơn vị đồng hạng.',
    );
  });

  it('explains that the one flag went to the unit more members approved', async () => {
    const certificate = Object.fromEntries(['vp-tinh-uy', 'ban-to-chuc', 'ban-tuyen-giao', 'ban-dan-van', 'ubkt'].map((id) => [id, 8]));
    const dossier = conferenceDossier({ record: { rounds: [{ flag: { 'vp-tinh-uy': 9, 'ban-to-chuc': 8 }, certificate, writtenVoters: ['bao-tinh'] }] } });
    const text = await minutesOf(dossier);
    expect(text).toContain('Ban Tổ chức Tỉnh ủy\nCờ thi đua\n8\n1\n88,89%\n80%\nĐạt');
    expect(text).toContain(
      'Ban Tổ chức Tỉnh ủy đạt tỷ lệ đồng ý nhưng không được đề nghị Cờ thi đua: khối được đề nghị 1 Cờ thi đua, đã đủ với đơn vị có nhiều phiếu đồng ý hơn.',
    );
  });

  it('explains nothing when every unit that passed has its award', async () => {
    expect(await minutesOf(conferenceDossier())).not.toContain('không được đề nghị');
  });
});

describe('the process the proposal (Tờ trình) tells', () => {
  const proposalOf = async (dossier: ScoredDossier) => docxText((await buildDocuments(dossier, ['awardProposal']))[0]!.content);

  it('tells the pledge signed and the mid-year review held at the bloc\'s conferences: the day, the place, how many signed', async () => {
    const text = await proposalOf(conferenceDossier({ sittings: ['pledge', 'midYear'] }));
    expect(text).toContain('1. Ngày 15/01/2026, tại Hội trường Ban Tổ chức Tỉnh ủy, khối tổ chức hội nghị ký kết giao ước thi đua; 8/9 đơn vị thành viên ký giao ước tại hội nghị.');
    expect(text).toContain('2. Ngày 08/07/2026, tại Phòng họp Văn phòng Tỉnh ủy, khối tổ chức hội nghị sơ kết công tác thi đua 6 tháng đầu năm.');
    expect(text).not.toMatch(/Từ ngày 05\/01\/2026|các đơn vị ký giao ước thi đua/);
  });

  it('says nothing of a pledge conference never recorded', async () => {
    const dossier = conferenceDossier({ sittings: ['pledge'] });
    const text = await proposalOf({ ...dossier, conferences: dossier.conferences.map((c) => ({ ...c, record: undefined, status: 'notRecorded' as const })) });
    expect(text).not.toMatch(/giao ước/);
    expect(text).toMatch(/^1\. Từ ngày 01\/11\/2026 đến ngày 20\/11\/2026, các đơn vị tự chấm điểm/m);
  });

  it('dates each step before what the units did, the points after the cross-check last', async () => {
    // The fixture keeps no record of its phases' openings: the cross-check is told only once it opened.
    const dossier = conferenceDossier();
    const crossCheck = { phase: 'crossCheck' as const, ...phaseInstants(dossier.cycle.config.timeline.crossCheck!), units: [] };
    const text = await proposalOf({ ...dossier, participation: [...dossier.participation, crossCheck] });
    expect(text).toContain('Từ ngày 21/11/2026 đến ngày 30/11/2026, các đơn vị kiểm tra chéo kết quả tự chấm điểm; điểm sau kiểm tra chéo là điểm được tính.');
    expect(text).toContain(`Ngày 03/12/2026, tại ${dossier.meeting!.place}, khối họp hội nghị tổng kết, bình xét, suy tôn bằng hình thức bỏ phiếu kín bằng phiếu giấy và bầu Trưởng khối, Phó Trưởng khối năm sau.`);
    expect(text).not.toMatch(/điểm được tính từ ngày|năm sau ngày/);
  });

  it('says nothing of a cross-check that never opened', async () => {
    const text = await proposalOf(conferenceDossier());
    expect(text).not.toContain('kiểm tra chéo');
    expect(text).toContain('đơn vị nộp bản tự chấm điểm.\n');
    expect(await minutesOf(conferenceDossier())).toContain('Tổng điểm (điểm chuẩn + điểm thưởng − điểm trừ) và thứ hạng');
  });

  it('tells the year-end sitting once, with its day, place and how the members voted', async () => {
    const text = await proposalOf(conferenceDossier());
    expect(text.match(/họp hội nghị tổng kết/gi)).toHaveLength(1);
    expect(text).toContain('khối họp hội nghị tổng kết, bình xét, suy tôn bằng hình thức bỏ phiếu kín bằng phiếu giấy');
  });
});
