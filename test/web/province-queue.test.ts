import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../functions/audit/trail.js';
import { loadDossier } from '../../functions/dossier/index.js';
import { getApprovalRound } from '../../functions/store/approvals.js';
import { recordFileOp } from '../../functions/store/files.js';
import { getForm, submitForm } from '../../functions/store/forms.js';
import { execute } from '../../functions/store/items.js';
import { startProvinceStack, type ProvinceStack } from '../support/province.js';

/**
 * Issue 22: the approver's queue on the province's pages: what changed since a return, and the board
 * deciding for the approver where the bloc's rules allow it. A small province (7 blocs: cum-2026-2 and -3
 * wait on the approver, -4 after a return) with the board allowed to act for -2 and -4 only.
 */
describe("the approver's queue", { timeout: 90_000 }, () => {
  let p: ProvinceStack;
  const cycleOf = (bloc: number) => `cum-2026-${bloc}-${p.year}`;
  const queue = async () => {
    const response = await p.admin.get(`/admin/province/queue?year=${p.year}`);
    expect(response.status).toBe(200);
    return response.text();
  };
  const decide = async (bloc: number, fields: Record<string, string>) => {
    await queue(); // the page's CSRF token
    return p.admin.post(`/admin/province/queue/${cycleOf(bloc)}`, { year: String(p.year), round: '1', ...fields });
  };
  let withdrawnName = '';

  beforeAll(async () => {
    p = await startProvinceStack({ blocs: 7, units: 6, rulesOf: (blocId) => ({ boardActsForApprover: blocId === 'cum-2026-2' || blocId === 'cum-2026-4' }) });
    // The returned dossier's revision withdraws a certificate nominee and adds an achievement report, after the return.
    const store = p.web.stack.store;
    const returned = cycleOf(4);
    const dossier = await loadDossier(store, returned);
    const nominee = dossier.vote.proposal!.certificate[0]!;
    withdrawnName = dossier.units[nominee]!;
    const revision = { cycleId: returned, phase: 'revision', round: 1, unitId: dossier.cycle.config.bloc.leaderUnitId! };
    const form = await getForm(store, revision);
    await submitForm(store, revision, { data: { response: 'Đã bổ sung báo cáo thành tích có xác nhận', withdraw: [nominee] }, expectedVersion: form!.version, now: p.now });
    const leader = dossier.cycle.config.bloc.leaderUnitId!;
    await execute(store, recordFileOp(store, { cycleId: returned, fileId: 'bao-cao-bo-sung', unitId: leader, purpose: 'achievementReport', fileName: 'bao-cao-thanh-tich-bo-sung.pdf', mediaType: 'application/pdf', size: 1024, sha256: 'a'.repeat(64), key: `${returned}/bao-cao-bo-sung`, addedBy: `unit:${leader}`, addedAt: p.now.toISOString() }));
  }, 180_000);

  afterAll(() => p?.web.stop());

  it('shows what changed since a return: the reason, the answer, the unit withdrawn with its award, the files added', async () => {
    const page = await queue();
    expect(page).toContain('Đã thay đổi từ lần trả lại');
    expect(page).toContain('Trả lại ngày');
    expect(page).toContain('Đề nghị bổ sung báo cáo thành tích');
    expect(page).toContain('Đã bổ sung báo cáo thành tích có xác nhận');
    expect(page).toContain(`<li>${withdrawnName}: Bằng khen</li>`);
    expect(page).toContain('Tệp bổ sung vào hồ sơ');
    expect(page).toContain('bao-cao-thanh-tich-bo-sung.pdf');
    expect(page.match(/Trình lần đầu/g)).toHaveLength(2);
  });

  it("offers the board's decision only on the dossiers whose rules let the board act for the approver", async () => {
    const page = await queue();
    expect(page.match(/<form method="post" action="\/admin\/province\/queue\//g)).toHaveLength(2);
    expect(page).toContain(`action="/admin/province/queue/${cycleOf(2)}"`);
    expect(page).toContain(`action="/admin/province/queue/${cycleOf(4)}"`);
    expect(page).not.toContain(`action="/admin/province/queue/${cycleOf(3)}"`);
  });

  it("refuses a decision where the bloc's rules do not let the board act, storing nothing", async () => {
    const refused = await decide(3, { decision: 'approve', decisionNumber: '12/QĐ-UBND' });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('Quy chế của khối không cho phép Ban Thi đua - Khen thưởng phê duyệt hoặc trả hồ sơ thay người phê duyệt');
    expect((await getApprovalRound(p.web.stack.store, cycleOf(3), 1))?.status).toBe('pending');
    expect(await listAuditEvents(p.web.stack.store, cycleOf(3))).toEqual([]);
  });

  it('refuses a return without a reason, beside the reason of that dossier, storing nothing', async () => {
    const refused = await decide(2, { decision: 'return', reason: '' });
    expect(refused.status).toBe(400);
    const page = await refused.text();
    expect(page).toMatch(/<p class="field-error" id="err-reason">[^<]+<\/p><textarea id="reason-\d+" name="reason" class="invalid"/);
    expect((await getApprovalRound(p.web.stack.store, cycleOf(2), 1))?.status).toBe('pending');
  });

  it("refuses a decision without the page's CSRF token", async () => {
    const forged = await p.admin.request('POST', `/admin/province/queue/${cycleOf(2)}`, new URLSearchParams({ round: '1', decision: 'approve' }));
    expect(forged.status).toBe(403);
    expect((await getApprovalRound(p.web.stack.store, cycleOf(2), 1))?.status).toBe('pending');
  });

  it("approves for the approver, recorded as the board acting on the approver's behalf; a double click decides once", async () => {
    await queue();
    const post = () => p.admin.post(`/admin/province/queue/${cycleOf(2)}`, { year: String(p.year), round: '1', decision: 'approve', decisionNumber: '123/QĐ-UBND', decisionDate: '2026-12-01' });
    const answers = await Promise.all([post(), post()]);
    expect(answers.map((a) => a.status)).toEqual([303, 303]);
    const round = await getApprovalRound(p.web.stack.store, cycleOf(2), 1);
    expect(round).toMatchObject({ status: 'approved', decisionNumber: '123/QĐ-UBND' });
    const events = (await listAuditEvents(p.web.stack.store, cycleOf(2))).filter((e) => e.action === 'approval.submitted');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor: 'admin:admin@thidua.local', onBehalfOf: expect.stringMatching(/^approver:.+@/) });
    expect(await (await p.admin.get(`/admin/cycles/${cycleOf(2)}/audit`)).text()).toMatch(/Quản trị viên admin@thidua\.local thay mặt [^<]+ phê duyệt hồ sơ của khối/);
    const page = await (await p.admin.get(`/admin/province/queue?year=${p.year}&decided=${cycleOf(2)}`)).text();
    expect(page).toContain('Đã ghi nhận quyết định của Ban thay người phê duyệt.');
    expect(page).not.toContain(`action="/admin/province/queue/${cycleOf(2)}"`);
  });
});
