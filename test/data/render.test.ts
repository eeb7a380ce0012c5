import { describe, expect, it } from 'vitest';
import { EMAIL_KINDS } from '../../functions/mail/kinds.js';
import type { EmailData, EmailKind } from '../../functions/mail/kinds.js';
import { renderEmail } from '../../functions/mail/render.js';

const unit = { recipientName: 'Ban Tuyên giáo Tỉnh ủy', blocName: 'Khối các cơ quan Đảng tỉnh', year: 2026 };
const link = 'https://thidua.example.vn/l/AbC';
const deadline = '2026-12-15T16:59:59.000Z';
const samples: { [K in EmailKind]: EmailData<K> } = {
  phaseOpened: { ...unit, phase: 'pledge', link, deadline },
  reminder: { ...unit, phase: 'selfAssessment', link, deadline, daysLeft: 3 },
  receipt: { ...unit, phase: 'selfAssessment', submittedAt: '2026-12-10T03:15:00.000Z', entries: [{ label: '1.1 Công tác tham mưu', value: '95,25' }], link, deadline },
  crossCheckAssignment: { ...unit, checkedUnitName: 'Văn phòng Tỉnh ủy', link, deadline },
  ballot: { ...unit, round: 2, flagNominees: ['Văn phòng Tỉnh ủy'], certificateNominees: [], runoff: { thresholdPercent: 80, tied: true }, link, deadline },
  meetingInvitation: { ...unit, heldAt: '2026-12-14T08:00:00+07:00', hostUnitName: 'Văn phòng Tỉnh ủy', agenda: ['Báo cáo tổng kết công tác thi đua năm 2026'], secretBallot: true, flagNominees: ['Văn phòng Tỉnh ủy'], certificateNominees: ['Ban Tổ chức Tỉnh ủy'] },
  meetingSummary: { ...unit, heldAt: '2026-12-14T08:00:00+07:00', place: 'Hội trường Văn phòng Tỉnh ủy', entries: [{ label: 'Kiểm phiếu vòng 1', value: 'Cờ thi đua Văn phòng Tỉnh ủy: 7' }] },
  meetingRecord: { ...unit, flagNominees: ['Văn phòng Tỉnh ủy'], certificateNominees: ['Ban Tổ chức Tỉnh ủy'], secretBallot: true, link, deadline },
  leaderDecision: { ...unit, round: 2, candidates: ['Văn phòng Tỉnh ủy', 'Ban Tổ chức Tỉnh ủy'], link, deadline },
  filesRequest: { ...unit, files: ['achievementReport', 'signedMinutes', 'signedProposal'], link: `${link}/files` },
  approvalRequest: { ...unit, round: 1, link, deadline, files: [{ label: 'Báo cáo thành tích — Văn phòng Tỉnh ủy: bao-cao.pdf', url: `${link}/files/F1` }] },
  returnedForRevision: { ...unit, round: 1, reason: 'Thiếu biên bản họp', link, deadline },
  results: { ...unit, status: 'approved', decisionNumber: '2150/QĐ-UBND', decisionDate: '27/12/2026', rows: [{ place: 1, unitName: 'Văn phòng Tỉnh ủy', total: '973,50', classification: 'Hoàn thành xuất sắc nhiệm vụ' }] },
  adminAlert: { recipientName: 'Quản trị', title: 'Chưa có phê duyệt', detail: 'Quá hạn 2 ngày' },
  adminSignIn: { recipientName: 'Quản trị', link, expiresAt: '2026-12-01T03:15:00.000Z' },
};

describe('email templates', () => {
  for (const kind of EMAIL_KINDS) {
    for (const language of ['vi', 'en'] as const) {
      it(`renders ${kind} in ${language} as a one-line subject, HTML and tag-free text`, () => {
        const email = renderEmail(kind, samples[kind] as never, language);
        expect(email.subject).toMatch(/^\S.*\S$/);
        expect(email.html).toMatch(/^<!DOCTYPE html>/);
        expect(email.html).toContain(`lang="${language}"`);
        expect(email.text).not.toMatch(/<\/?[a-z]+[ >]/);
        expect(`${email.subject}${email.text}`).not.toMatch(/undefined|null|NaN/);
        expect(email.text).toContain(language === 'vi' ? 'Kính gửi' : 'Dear');
      });
    }
  }

  it('shows dates as dd/mm/yyyy in Vietnam time', () => {
    expect(renderEmail('reminder', { ...samples.reminder, deadline: '2026-12-15T16:59:59.000Z' }).text).toContain('ngày 15/12/2026');
    expect(renderEmail('reminder', { ...samples.reminder, deadline: '2026-12-15T17:30:00.000Z' }).text).toContain('ngày 16/12/2026');
    expect(renderEmail('adminSignIn', samples.adminSignIn).text).toContain('10:15 ngày 01/12/2026');
  });

  it('gives the approver the deadline as 23:59 of its last day, not "before" that day', () => {
    expect(renderEmail('approvalRequest', samples.approvalRequest).text).toContain('phê duyệt hoặc trả lại kèm lý do trước 23 giờ 59 phút ngày 15/12/2026.');
    expect(renderEmail('approvalRequest', samples.approvalRequest).text).not.toContain('trước ngày 15/12/2026');
    expect(renderEmail('approvalRequest', samples.approvalRequest, 'en').text).toContain('by 23:59 on 15/12/2026 (Vietnam time)');
  });

  it('tells a secretary reminded before the sitting when the conference sits, in Vietnamese and in English', () => {
    const early = { ...samples.reminder, phase: 'vote' as const, conference: 'yearEnd' as const, sitsAt: '2026-12-15T08:30:00+07:00' };
    expect(renderEmail('reminder', early).text).toContain('Hội nghị tổng kết họp lúc 08 giờ 30 phút ngày 15/12/2026. Sau hội nghị, đề nghị thư ký ghi biên bản trước 23 giờ 59 phút ngày 15/12/2026 (còn 3 ngày).');
    expect(renderEmail('reminder', early, 'en').text).toContain('The year-end conference sits at 08:30 on 15/12/2026. After it, please record it by 23:59 on 15/12/2026 (Vietnam time).');
  });

  it('writes when a conference sits the administrative way, "08 giờ 00 phút ngày …", in the invitation and the summary', () => {
    for (const kind of ['meetingInvitation', 'meetingSummary'] as const) {
      expect(renderEmail(kind, samples[kind] as never).text).toContain('08 giờ 00 phút ngày 14/12/2026');
      expect(renderEmail(kind, samples[kind] as never, 'en').text).toContain('08:00 on 14/12/2026');
    }
  });

  it('keeps a subject on one line whatever the data holds', () => {
    expect(renderEmail('crossCheckAssignment', { ...samples.crossCheckAssignment, checkedUnitName: 'A\r\nBcc: x@evil.example' }).subject).not.toMatch(/[\r\n]/);
  });

  it('lists what was submitted in the receipt', () => {
    const { text, html } = renderEmail('receipt', samples.receipt);
    expect(text).toContain('- 1.1 Công tác tham mưu: 95,25');
    expect(text).toContain('lúc 10:15 ngày 10/12/2026');
    expect(html).toContain('<td style="border:1px solid #ddd;padding:6px;">95,25</td>');
  });

  it('names the missing field when data is incomplete', () => {
    expect(() => renderEmail('ballot', { ...samples.ballot, round: 0 })).toThrow(/ballot: round/);
  });

  it('cites the decision number in the results of an approved cycle', () => {
    const email = renderEmail('results', samples.results);
    expect(email.text).toContain('đã được phê duyệt theo Quyết định số 2150/QĐ-UBND ngày 27/12/2026');
    expect(email.text).toContain('Khen thưởng');
    expect(email.text).not.toContain('Đề nghị khen thưởng');
  });

  it('says the proposal was not approved in the results of a cycle that ended without approval', () => {
    const email = renderEmail('results', { ...unit, status: 'rejected', rows: samples.results.rows });
    expect(email.text).toContain('không được phê duyệt');
    expect(email.text).not.toContain('đã được phê duyệt');
  });

  it('names the bloc leader as sender and contact in an email of the cycle', () => {
    const email = renderEmail('reminder', { ...samples.reminder, sender: { blocName: unit.blocName, unitName: 'Văn phòng Tỉnh ủy', email: 'vp-tinh-uy@dangbo.thidua.local' } });
    expect(email.text).toContain('Thư gửi thay mặt Khối các cơ quan Đảng tỉnh · Trưởng khối: Văn phòng Tỉnh ủy · Liên hệ khi cần hỏi thêm: vp-tinh-uy@dangbo.thidua.local');
    expect(email.html).toContain('mailto:vp-tinh-uy@dangbo.thidua.local');
  });

  it('addresses no email with the casual "bạn"', () => {
    for (const kind of EMAIL_KINDS) expect(renderEmail(kind, samples[kind] as never).text).not.toMatch(/\bbạn\b/i);
  });
});
