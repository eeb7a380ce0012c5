import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEvents, verifyAuditChain } from '../../functions/audit/trail.js';
import { getBoardPeople } from '../../functions/store/province.js';
import { docxText } from '../documents/read.js';
import { startProvinceStack, type ProvinceStack } from '../support/province.js';

/**
 * Issue 22: the persons of the province's emulation board, recorded in the province's settings and named
 * in the signature block of the province's Tờ trình. A small province (7 blocs: one approved, six on their
 * way) is enough: the behaviour does not need the drill's 40.
 */
describe("the board's persons in the province's settings", { timeout: 90_000 }, () => {
  let p: ProvinceStack;
  const proposal = async () => docxText(new Uint8Array(await (await p.admin.get(`/admin/province/documents/to-trinh-co-chinh-phu.docx?year=${p.year}`)).arrayBuffer()));
  const saveBoard = async (fields: Record<string, string>) => {
    const page = await p.admin.get('/admin/province/board');
    const version = (await page.text()).match(/name="version" value="(\d+)"/)![1]!;
    return p.admin.post('/admin/province/board', { version, 'head.name': '', 'head.title': '', 'deputy.name': '', 'deputy.title': '', ...fields });
  };

  beforeAll(async () => {
    p = await startProvinceStack({ blocs: 7, units: 6 });
    // The one approved bloc's flag winner, chosen with the reason the six pending blocs ask for.
    const flag = await (await p.admin.get(`/admin/province/flag?year=${p.year}`)).text();
    const approved = [...flag.matchAll(/name="nominee" value="([^"]+)"[^]*?<\/tr>/g)].find((m) => !m[0].includes('chưa được phê duyệt'))![1]!;
    const chosen = await p.admin.post('/admin/province/flag', { year: String(p.year), version: '0', sharePercent: '20', nominee: approved, [`reason.${approved}`]: 'Dẫn đầu khối ba năm liền', exceptionReason: 'Thời hạn gửi Trung ương' });
    expect(chosen.status).toBe(303);
  }, 180_000);

  afterAll(() => p?.web.stop());

  it('leaves a dotted line for the name in the Tờ trình while no person of the board is recorded', async () => {
    const text = await proposal();
    expect(text).toMatch(/TRƯỞNG BAN\n(?:\n)*……………………………/);
  });

  it('refuses a person with a name but no title, beside the title field, storing nothing', async () => {
    const refused = await saveBoard({ 'head.name': 'Nguyễn Văn An' });
    expect(refused.status).toBe(400);
    const page = await refused.text();
    expect(page).toMatch(/<p class="field-error" id="err-head-title">[^<]+<\/p><input type="text" id="head-title"/);
    expect(page).toContain('Trưởng ban – Chức vụ');
    expect(page).toContain('value="Nguyễn Văn An"'); // what was typed stays
    expect(await getBoardPeople(p.web.stack.store)).toBeUndefined();
  });

  it('refuses a save without the page’s CSRF token', async () => {
    const forged = await p.admin.request('POST', '/admin/province/board', new URLSearchParams({ version: '0', 'head.name': 'Kẻ giả mạo', 'head.title': 'Trưởng ban' }));
    expect(forged.status).toBe(403);
    expect(await getBoardPeople(p.web.stack.store)).toBeUndefined();
  });

  it('records the head and the deputy, shows them again, and the Tờ trình names the head under TRƯỞNG BAN', async () => {
    const saved = await saveBoard({ 'head.name': 'Nguyễn Văn An', 'head.title': 'Trưởng Ban Thi đua - Khen thưởng', 'deputy.name': 'Trần Thị Bình', 'deputy.title': 'Phó Trưởng ban' });
    expect(saved.status).toBe(303);
    const page = await (await p.admin.get('/admin/province/board?saved=1')).text();
    expect(page).toContain('Đã lưu lãnh đạo Ban.');
    expect(page).toContain('value="Trần Thị Bình"');
    const text = await proposal();
    expect(text).toMatch(/TRƯỞNG BAN\n(?:\n)*Nguyễn Văn An\nTrưởng Ban Thi đua - Khen thưởng/);
    expect(text).not.toContain('……………………………');
  });

  it('records who changed the board\'s persons, from what to what, in the province\'s settings chain', async () => {
    const events = await listAuditEvents(p.web.stack.store, 'province-settings');
    expect(events.at(-1)).toMatchObject({ action: 'province.boardChanged', actor: expect.stringMatching(/^admin:/), after: { head: { name: 'Nguyễn Văn An' }, deputy: { name: 'Trần Thị Bình' } } });
    expect((await verifyAuditChain(p.web.stack.store, 'province-settings')).ok).toBe(true);
  });

  it('lets the deputy sign for the head once the head is cleared ("KT. TRƯỞNG BAN")', async () => {
    expect((await saveBoard({ 'deputy.name': 'Trần Thị Bình', 'deputy.title': 'Phó Trưởng ban' })).status).toBe(303);
    const text = await proposal();
    expect(text).toMatch(/KT\. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN\n(?:\n)*Trần Thị Bình\nPhó Trưởng ban/);
    expect(text).not.toContain('Nguyễn Văn An');
  });
});
