import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESULT_NAMES, readResult, type Proposal, type VoteRound } from '../../functions/cycle/results.js';
import { getForm } from '../../functions/store/forms.js';
import { loadScoredDossier } from '../../functions/cycle/context.js';
import { buildDocuments } from '../../functions/documents/index.js';
import { docxText } from '../documents/read.js';
import type { CycleConfig } from '../../functions/domain/index.js';
import { CycleHarness } from '../support/cycle-harness.js';
import { CERTIFICATE_NOMINEES, CONFERENCE_TOTALS, conferenceRecord } from '../domain/meeting-fixture.js';
import { crossCheck, selfAssess } from './drive.js';
import { OPENS, SUBJECT, cycleConfig } from './fixtures.js';

describe('a bloc that votes at its year-end conference by secret paper ballot (the default)', () => {
  let h: CycleHarness;
  let config: CycleConfig;
  let cycleId: string;
  let link: string;
  let refusals: unknown[];
  let form: string;
  const leader = () => config.bloc.units.find((u) => u.id === 'vp-tinh-uy')!;

  beforeAll(async () => {
    h = await CycleHarness.start('2026-10-01T00:00:00Z');
    config = cycleConfig({ rules: { voteMode: 'secretBallot' } });
    ({ cycleId } = await h.startCycle(config));
    await h.advanceTo(OPENS.selfAssessment);
    await selfAssess(h, config, CONFERENCE_TOTALS);
    await h.advanceTo(OPENS.crossCheck);
    await crossCheck(h, config);
    await h.advanceTo(OPENS.vote);
    link = await h.linkFor(leader().email, SUBJECT.meetingRecord);
    form = await h.page(link);
    await h.advanceTo('2026-12-03T05:00:00Z'); // the conference sat at 08:00 that morning (the vote opened on 01/12)
    const record = (overrides: Record<string, unknown> = {}) => conferenceRecord(config.bloc, overrides);
    const refused = (data: unknown) => h.act(link, data).then(() => undefined, (error: unknown) => error);
    refusals = [
      await refused(record({ rounds: [{ flag: { 'vp-tinh-uy': 9, 'ban-to-chuc': 0 }, certificate: {} }] })),
      await refused(record({ attendance: [{ unitId: 'so-tai-chinh', name: 'Trần Văn Tài', title: 'Giám đốc Sở Tài chính' }] })),
      await refused(record({ equalOrder: [{ unitIds: ['ban-tuyen-giao', 'ubkt'], reason: 'x' }] })),
      await refused(record({ rounds: [record().rounds[0], { flag: { 'vp-tinh-uy': 0, 'ban-to-chuc': 8 }, writtenVoters: ['bao-tinh'] }] })),
      await refused(record({ heldAt: '2026-11-28T08:00:00+07:00' })), // before the ranking it votes on was published
      await refused(record({ heldAt: '2026-11-28T08:00:00+07:00', place: undefined })), // a field left out stops zod before its refinements
    ];
    await h.act(link, record());
  }, 150_000);

  afterAll(() => h?.stop());

  it('emails the secretary of the leader unit, not every unit, a link to record the conference naming each nominee\'s award', async () => {
    const [invitation] = (await h.mailTo(leader().email)).filter((m) => SUBJECT.meetingRecord.test(m.subject));
    expect(invitation!.body.text).toContain('bỏ phiếu kín');
    expect(invitation!.body.text).toMatch(/Đề nghị tặng Cờ thi đua:[\s\S]*Văn phòng Tỉnh ủy[\s\S]*Đề nghị tặng Bằng khen:/);
    const other = config.bloc.units.find((u) => u.id === 'ubkt')!;
    expect((await h.mailTo(other.email)).filter((m) => SUBJECT.ballot.test(m.subject) || SUBJECT.meetingRecord.test(m.subject))).toEqual([]);
  });

  it('fills the ranking\'s award column on the record form with each nominee\'s proposed award, as the emails list them, before the vote', () => {
    const ranking = form.slice(form.indexOf('<caption class="meta">Bảng xếp hạng</caption>'), form.indexOf('</table>', form.indexOf('Bảng xếp hạng')));
    const row = (unit: string, award: string) => new RegExp(`<td>${unit}[^<]*</td>(?:(?!</tr>).)*<td>${award}</td></tr>`, 's');
    expect(ranking).toMatch(row('Văn phòng Tỉnh ủy', 'Cờ thi đua'));
    for (const id of CERTIFICATE_NOMINEES.filter((u) => u !== 'vp-tinh-uy' && u !== 'ban-to-chuc')) {
      expect(ranking).toMatch(row(config.bloc.units.find((u) => u.id === id)!.name, 'Bằng khen'));
    }
  });

  it('tells the secretary that the year-end record holds the tally of each round of the vote', () => {
    expect(form).toContain('<p>Thư ký hội nghị ghi lại hội nghị tổng kết: người dự, khách mời, nội dung, kết quả kiểm phiếu bình xét, suy tôn từng vòng');
  });

  it('starts the form\'s time of the sitting no earlier than the phase opened, when the ranking it votes on was published', () => {
    expect(form).toMatch(/<input type="datetime-local" id="heldAt" name="heldAt" value="[^"]*" min="2026-12-01T00:00">/);
  });

  it('invites every unit to the conference with its planned time, the host and the agenda, when the phase opens', async () => {
    for (const unit of config.bloc.units) {
      const [invitation] = (await h.mailTo(unit.email)).filter((m) => /Giấy mời hội nghị tổng kết/.test(m.subject));
      expect(invitation!.body.text).toMatch(/Thời gian: 08 giờ 00 phút ngày \d\d\/\d\d\/2026\. Địa điểm: trụ sở Văn phòng Tỉnh ủy/);
      expect(invitation!.body.text).toContain('Báo cáo tổng kết công tác thi đua, khen thưởng năm 2026 và phương hướng nhiệm vụ năm 2027');
      expect(invitation!.body.text).toContain('bỏ phiếu kín');
    }
  });

  it('sends every unit the record\'s summary once it is recorded', async () => {
    for (const unit of config.bloc.units) {
      const summaries = (await h.mailTo(unit.email)).filter((m) => /Biên bản hội nghị tổng kết/.test(m.subject));
      expect(summaries).toHaveLength(1);
      expect(summaries[0]!.body.text).toContain('tại Hội trường Văn phòng Tỉnh ủy, 01 Lê Duẩn');
      expect(summaries[0]!.body.text).toContain('Ủy ban Kiểm tra Tỉnh ủy → Ban Dân vận Tỉnh ủy');
    }
  });

  it('refuses a tally above the members present, a person of another bloc, an order of unequal units and a written vote in the runoff, storing nothing', () => {
    expect(refusals.slice(0, 5).map((e) => (e as { issues?: Array<{ path: unknown[] }> }).issues?.map((i) => i.path.join('.')))).toEqual([
      ['rounds.0.flag.vp-tinh-uy', 'rounds.0.certificate.vp-tinh-uy', 'rounds.0.certificate.ban-to-chuc', 'rounds.0.certificate.ban-tuyen-giao', 'rounds.0.certificate.ban-dan-van', 'rounds.0.certificate.ubkt'],
      expect.arrayContaining(['attendance.0.unitId']),
      ['equalOrder.0.unitIds'],
      ['rounds.1.writtenVoters.0'],
      ['heldAt'],
    ]);
  });

  it('refuses a conference dated before its phase opened, saying the ranking it votes on was published that day', () => {
    expect((refusals[4] as { issues?: Array<{ message: string }> }).issues?.map((i) => i.message)).toEqual(['the conference votes on the ranking published when its phase opened (2026-12-01): it cannot have sat before']);
  });

  it('names the early time beside the record\'s other refused fields, all at once', () => {
    expect((refusals[5] as { issues?: Array<{ path: unknown[] }> }).issues?.map((i) => i.path.join('.'))).toEqual(['place', 'heldAt']);
  });

  it('tallies the rounds the room held, the written vote in the first, and proposes what they decided', async () => {
    const round1 = await readResult<VoteRound>(h.deps.store, cycleId, RESULT_NAMES.vote(1));
    const round2 = await readResult<VoteRound>(h.deps.store, cycleId, RESULT_NAMES.vote(2));
    expect(round1!.outcome).toMatchObject({ kind: 'runoff', candidates: ['vp-tinh-uy', 'ban-to-chuc'] });
    expect(round2!.outcome).toEqual({ kind: 'decided', winners: ['ban-to-chuc'] });
    expect(round1!.voters).toContain('bao-tinh');
    expect(round2!.voters).not.toContain('bao-tinh');
    const proposal = await readResult<Proposal>(h.deps.store, cycleId, RESULT_NAMES.proposal);
    expect(proposal).toMatchObject({ flag: ['ban-to-chuc'], flagDecidedBy: 'vote', leaders: { leaderUnitId: 'ban-to-chuc', deputyUnitId: 'ban-tuyen-giao' } });
  });

  it('refuses a second record of the same meeting', async () => {
    await expect(h.act(link, conferenceRecord(config.bloc, { place: 'Nơi khác' }))).rejects.toThrow();
    const form = await getForm<{ place: string }>(h.deps.store, { cycleId, phase: 'vote', round: 1, unitId: 'vp-tinh-uy' });
    expect(form!.submitted!.place).toBe('Hội trường Văn phòng Tỉnh ủy, 01 Lê Duẩn');
  });

  it('sends the secretary the record\'s summary', async () => {
    const receipt = (await h.mailTo(leader().email)).filter((m) => SUBJECT.receipt.test(m.subject)).at(-1)!;
    expect(receipt.body.text).toContain('Hội trường Văn phòng Tỉnh ủy');
    expect(receipt.body.text).toContain('8/9');
    expect(receipt.body.text).toContain('1 phiếu bằng văn bản');
  });

  it('names the secretary\'s receipt as the year-end conference\'s minutes, not as the bloc\'s vote', async () => {
    const receipt = (await h.mailTo(leader().email)).filter((m) => SUBJECT.receipt.test(m.subject)).at(-1)!;
    expect(receipt.subject).toContain('Đã nhận biên bản hội nghị tổng kết của Văn phòng Tỉnh ủy');
    expect(receipt.body.text).toContain('Hệ thống đã nhận biên bản hội nghị tổng kết (thi đua năm 2026)');
    expect(`${receipt.subject}${receipt.body.text}`).not.toContain('bình xét, suy tôn (thi đua');
  });

  it('lists each round\'s tallies on the recorded page in the bloc\'s order of units, as the form asked them', async () => {
    const page = await h.page(link);
    const names = config.bloc.units.filter((u) => CERTIFICATE_NOMINEES.includes(u.id)).map((u) => `Bằng khen ${u.name}: 8`);
    expect(page).toContain(names.join('; '));
  });

  it('prints minutes that tell the conference as recorded: persons, guests, committee, tallies, written vote, decisions, signers', async () => {
    const dossier = await loadScoredDossier(h.deps.store, cycleId);
    const text = docxText((await buildDocuments(dossier, ['meetingMinutes']))[0]!.content);
    const record = conferenceRecord(config.bloc);
    expect(text).toContain('Hội nghị tổng kết, bình xét, suy tôn thi đua năm 2026');
    expect(text).toContain('Địa điểm: Hội trường Văn phòng Tỉnh ủy, 01 Lê Duẩn. Đơn vị đăng cai: Văn phòng Tỉnh ủy.');
    expect(text).toContain('Hình thức biểu quyết: bỏ phiếu kín bằng phiếu giấy');
    for (const a of record.attendance) expect(text).toContain(`${a.name}, ${a.title}`);
    expect(text).toContain('Báo tỉnh\nVắng mặt, có phiếu biểu quyết bằng văn bản');
    expect(text).toContain('Khách mời: Trương Văn Dũng, Phó Trưởng Ban Thi đua - Khen thưởng tỉnh.');
    expect(text).toContain(`Ban kiểm phiếu gồm: ${record.countingCommittee[0]!.name} (Ban Tuyên giáo Tỉnh ủy)`);
    expect(text).toContain('Vòng 1: 8 đơn vị có mặt biểu quyết; phiếu bằng văn bản của Báo tỉnh.');
    expect(text).toContain('Vòng 2: 8 đơn vị có mặt biểu quyết. ');
    expect(text).toContain('Ban Tổ chức Tỉnh ủy\nCờ thi đua\n8\n1\n88,89%\n80%\nĐạt');
    expect(text).toContain('hội nghị thống nhất thứ tự Ủy ban Kiểm tra Tỉnh ủy, Ban Dân vận Tỉnh ủy. Lý do: Ủy ban Kiểm tra Tỉnh ủy có mô hình mới được nhân rộng.');
    expect(text).toContain('Tại hội nghị, 8/9 đơn vị thành viên có mặt ký giao ước thi đua năm 2027: Văn phòng Tỉnh ủy; ');
    expect(text).toContain('Chưa ký tại hội nghị (vắng mặt): Báo tỉnh.');
    expect(text).toMatch(new RegExp(`THƯ KÝ[\\s\\S]*${record.secretary.name}\\n${record.secretary.title}`));
    expect(text).toMatch(new RegExp(`CHỦ TRÌ HỘI NGHỊ[\\s\\S]*${record.chair.name}\\n${record.chair.title}`));
    expect(text).not.toMatch(/trực tuyến|Đã bỏ phiếu/);
  });

  it('cites the conference in the proposal, with the written-vote rule it applied', async () => {
    const text = docxText((await buildDocuments(await loadScoredDossier(h.deps.store, cycleId), ['awardProposal']))[0]!.content);
    expect(text).toContain('Ngày 03/12/2026, tại Hội trường Văn phòng Tỉnh ủy, 01 Lê Duẩn, khối họp hội nghị tổng kết, bình xét, suy tôn bằng hình thức bỏ phiếu kín bằng phiếu giấy và bầu');
    expect(text).toContain('thành viên vắng mặt biểu quyết bằng văn bản');
    expect(text).toContain('Biên bản hội nghị tổng kết, bình xét, suy tôn ngày 03/12/2026');
  });
});
