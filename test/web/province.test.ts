import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../functions/audit/trail.js';
import { getGovernmentFlag, provinceAuditChain } from '../../functions/store/province.js';
import { docxText, readXlsx, rowValues } from '../documents/read.js';
import { startProvinceStack, type ProvinceStack } from '../support/province.js';

/**
 * Issue 22's acceptance: the province drill's 40 blocs × 25 units: the province-wide view, the approver's
 * queue, the choice of the Government flag within the quota (and its refusals), the province's Tờ trình
 * and its summary, read back.
 */
// Each page reads 40 cycles: on a loaded machine a request may take seconds (the figure is in BENCHMARKS.md).
describe("the province's view of a year", { timeout: 90_000 }, () => {
  let p: ProvinceStack;
  const text = async (path: string) => {
    const response = await p.admin.get(path);
    expect(response.status, path).toBe(200);
    return response.text();
  };
  const bytes = async (path: string) => new Uint8Array(await (await p.admin.get(path)).arrayBuffer());
  const winners = async () => [...(await text(`/admin/province/flag?year=${p.year}`)).matchAll(/name="nominee" value="([^"]+)"/g)].map((m) => m[1]!);
  const choose = (nominees: string[], extra: Record<string, string> = {}) =>
    p.admin.post('/admin/province/flag', { year: String(p.year), version: '0', sharePercent: '20', nominee: nominees, ...Object.fromEntries(nominees.map((n) => [`reason.${n}`, 'Dẫn đầu khối ba năm liền'])), ...extra });

  beforeAll(async () => {
    p = await startProvinceStack();
  }, 180_000);

  afterAll(() => p?.web.stop());

  it('shows every bloc with its stage, late units, dossiers waiting, deadlines, decisions and charts', async () => {
    const page = await text(`/admin/province?year=${p.year}`);
    for (let b = 1; b <= 40; b++) expect(page).toContain(`Cụm thi đua số ${b}<`);
    expect(page).toContain('Đang hiện 40 trên 40 khối, cụm');
    expect(page.match(/<td>Đã phê duyệt<\/td>/g)).toHaveLength(34);
    expect(page).toContain('Tự chấm điểm');
    expect(page).toMatch(/Chưa thực hiện 5\/25: /); // the self-assessment bloc: every fifth unit has not submitted
    expect(page).toMatch(/chờ từ [\d/]+ \(\d+ ngày\), lần 2/);
    expect(page).toContain('Hạn chót trong 7 ngày tới');
    expect(page.match(/Phê duyệt, Quyết định số \d+\/QĐ-UBND/g)).toHaveLength(34);
    expect(page.match(/<svg /g)).toHaveLength(3);
    expect(page).toContain('href="/admin/cycles/cum-2026-1-');
  });

  it('counts on the admin\'s dashboard the approver of each decided dossier as acted, and not the approver still asked', async () => {
    const page = await text(`/admin?year=${p.year}`);
    expect(page.match(/<td>Đã được phê duyệt<\/td>\n<td>Phê duyệt hồ sơ · Hạn [\d/]+<\/td>\n<td>[^<]+<\/td>\n<td>1\/1<\/td>/g)).toHaveLength(34);
    expect(page.match(/<td>Phê duyệt hồ sơ( \(Vòng 2\))? · Hạn [\d/]+<\/td>\n<td>[^<]+<\/td>\n<td>0\/1<\/td>/g)).toHaveLength(3);
  });

  it('filters by kind of bloc and by status', async () => {
    expect(await text(`/admin/province?year=${p.year}&kind=party`)).toContain('Đang hiện 8 trên 40');
    const waiting = await text(`/admin/province?year=${p.year}&stage=approval`);
    expect(waiting).toContain('Đang hiện 3 trên 40');
    expect(waiting).not.toContain('Cụm thi đua số 1<');
  });

  it("lists the approver's queue, oldest first, with what changed since a return", async () => {
    const queue = await text(`/admin/province/queue?year=${p.year}`);
    expect(queue.match(/<li class="card">/g)).toHaveLength(3);
    expect(queue).toContain('Đề nghị bổ sung báo cáo thành tích');
    expect(queue).toContain('Đã bổ sung báo cáo thành tích có xác nhận');
    expect(queue.match(/Trình lần đầu/g)).toHaveLength(2);
  });

  it('shows the flag winners side by side with the quota and its legal source', async () => {
    const page = await text(`/admin/province/flag?year=${p.year}`);
    expect(await winners()).toHaveLength(37); // 34 approved blocs and the 3 waiting on the approver
    expect(page).toContain('Cờ thi đua cấp tỉnh đã tặng: <strong>34</strong>');
    expect(page).toContain('tối đa 6</strong>');
    expect(page).toContain('Điều 25');
    expect(page).toContain('5007/BNV');
    expect(page).toMatch(/\d+,\d+%|\d+%/);
  });

  it('refuses a choice over the quota, a unit without its bloc\'s flag, or before every bloc is approved, storing nothing', async () => {
    const all = await winners();
    const over = await choose(all.slice(0, 7), { exceptionReason: 'Thời hạn của Trung ương' });
    expect(over.status).toBe(409);
    expect(await over.text()).toContain('Vượt số được đề nghị: chọn 7, tối đa 6.');
    const pending = await choose(all.slice(0, 2));
    expect(pending.status).toBe(409);
    expect(await pending.text()).toContain('Còn khối chưa được phê duyệt hồ sơ');
    const notWinner = await choose(['cum-2026-1/dv-25'], { exceptionReason: 'Thời hạn của Trung ương' });
    expect(await notWinner.text()).toContain('Đơn vị không được tặng Cờ thi đua của khối');
    expect(await getGovernmentFlag(p.web.stack.store, p.year)).toBeUndefined();
    expect(await listAuditEvents(p.web.stack.store, provinceAuditChain(p.year))).toEqual([]);
  });

  it('records a choice within the quota with the reason for its exception, and writes it in the Tờ trình', async () => {
    const page = await text(`/admin/province/flag?year=${p.year}`);
    const approved = [...page.matchAll(/name="nominee" value="([^"]+)"[^]*?<\/tr>/g)].filter((m) => !m[0].includes('chưa được phê duyệt')).map((m) => m[1]!);
    const chosen = approved.slice(0, 6);
    const recorded = await choose(chosen, { exceptionReason: 'Ba khối còn chờ phê duyệt; thời hạn gửi Trung ương là ngày 15/01' });
    expect(recorded.status).toBe(303);
    const stored = await getGovernmentFlag<{ nominees: unknown[]; quota: number; exceptions: string[] }>(p.web.stack.store, p.year);
    expect(stored?.data).toMatchObject({ quota: 6, exceptions: ['blocsPending'] });
    expect(stored?.data.nominees).toHaveLength(6);
    expect((await listAuditEvents(p.web.stack.store, provinceAuditChain(p.year))).map((e) => e.action)).toEqual(['governmentFlag.chosen']);
    const docx = docxText(await bytes(`/admin/province/documents/to-trinh-co-chinh-phu.docx?year=${p.year}`));
    expect(docx).toContain(`Về việc đề nghị tặng Cờ thi đua của Chính phủ năm ${p.year}`);
    expect(docx).toContain('Luật Thi đua, khen thưởng 2022 (06/2022/QH15), Điều 25');
    expect(docx).toContain('tối đa 6 tập thể');
    expect(docx).toContain('Ngoại lệ: Ba khối còn chờ phê duyệt');
    expect(docx.match(/Dẫn đầu khối ba năm liền/g)).toHaveLength(6);
    expect(docx.match(/Báo cáo thành tích của/g)).toHaveLength(6);
  });

  it("exports every bloc's results as XLSX, JSON and CSV, the same rows in each", async () => {
    const workbook = await readXlsx(await bytes(`/admin/province/documents/tong-hop-ket-qua.xlsx?year=${p.year}`));
    const blocs = workbook.getWorksheet('Các khối')!;
    expect(blocs.rowCount).toBe(3 + 40);
    const units = workbook.getWorksheet('Kết quả các đơn vị')!;
    expect(units.rowCount).toBe(3 + 39 * 25); // the bloc still self-assessing has no scores yet
    expect(rowValues(units, 4).slice(1, 4)).toEqual(['Cụm thi đua số 1', expect.stringContaining('(cụm 1)'), 1]);
    const json = JSON.parse(new TextDecoder().decode(await bytes(`/admin/province/documents/ket-qua.json?year=${p.year}`))) as { rows: Array<{ award: string; awardGranted: boolean }> };
    expect(json.rows).toHaveLength(975);
    expect(json.rows.filter((r) => r.award === 'flag' && r.awardGranted)).toHaveLength(34);
    const csv = new TextDecoder().decode(await bytes(`/admin/province/documents/ket-qua.csv?year=${p.year}`));
    expect(csv.trim().split('\r\n')).toHaveLength(976);
    expect(csv).toContain('Cụm thi đua số 1');
  });
});
