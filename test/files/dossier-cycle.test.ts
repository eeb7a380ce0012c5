import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { loadScoredDossier } from '../../functions/cycle/context.js';
import { MissingScansError } from '../../functions/cycle/errors.js';
import { buildDocuments } from '../../functions/documents/index.js';
import { actorOfLink } from '../../functions/files/access.js';
import { FileScopeError } from '../../functions/files/errors.js';
import { confirmUpload, issueUpload } from '../../functions/files/files.js';
import { MEDIA, type FilePurpose } from '../../functions/files/purposes.js';
import { listAuditEvents } from '../../functions/audit/trail.js';
import type { CycleConfig } from '../../functions/domain/index.js';
import { CycleHarness } from '../support/cycle-harness.js';
import { postToStorage, smallPdf } from '../support/files.js';
import { docxText } from '../documents/read.js';
import { playThroughVote } from '../cycle/drive.js';
import { OPENS, SUBJECT, cycleConfig } from '../cycle/fixtures.js';

const FILES_ASKED = /Đề nghị gửi tệp/;

describe('the dossier\'s files after the vote, in a whole cycle whose rules require the signed minutes', () => {
  let h: CycleHarness;
  let config: CycleConfig;
  let cycleId: string;
  const email = (unitId: string) => config.bloc.units.find((u) => u.id === unitId)!.email;

  /** Sends a small PDF through a link as the unit's browser would; returns the recorded file. */
  async function send(linkId: string, purpose: FilePurpose, fileName: string) {
    const actor = await actorOfLink(h.deps.store, linkId, h.now());
    const pdf = smallPdf(fileName);
    const issued = await issueUpload(h.deps, actor, { purpose, fileName, contentType: MEDIA.pdf, size: pdf.byteLength });
    expect((await postToStorage(issued, pdf, fileName)).status).toBe(204);
    return confirmUpload(h.deps, actor, issued.uploadId, h.now());
  }

  beforeAll(async () => {
    // The handlers find the S3 server through the environment, as they do on Lambda.
    Object.assign(process.env, { S3_ENDPOINT: inject('s3Endpoint'), FILES_BUCKET: inject('filesBucket') });
    h = await CycleHarness.start('2026-10-01T00:00:00Z');
    config = cycleConfig({ rules: { requiredScans: ['signedMinutes'] } });
    ({ cycleId } = await playThroughVote(h, config));
  }, 180_000);

  afterAll(() => h?.stop());

  it('asks each nominee for its achievement report and the leader unit for the signed scans, once each', async () => {
    const [nominee] = await h.mailTo(email('ban-to-chuc')).then((mail) => mail.filter((m) => FILES_ASKED.test(m.subject)));
    expect(nominee!.body.text).toMatch(/Báo cáo thành tích của đơn vị/);
    expect(nominee!.body.text).not.toMatch(/Biên bản họp/);
    expect(nominee!.body.text).toMatch(/\/l\/[\w-]{43}\/files/);
    const leader = config.bloc.leaderUnitId!;
    const asked = (await h.mailTo(email(leader))).filter((m) => FILES_ASKED.test(m.subject));
    expect(asked).toHaveLength(1);
    expect(asked[0]!.body.text).toMatch(/Biên bản họp bình xét, suy tôn đã ký, đóng dấu[\s\S]*Tờ trình đề nghị khen thưởng đã ký/);
    expect((await h.mailTo(email('dang-uy-khoi'))).filter((m) => FILES_ASKED.test(m.subject))).toEqual([]);
  });

  it('takes a nominee\'s report through its link, and no signed scan from it', async () => {
    const link = await h.linkFor(email('ban-to-chuc'), FILES_ASKED);
    const report = await send(link, 'achievementReport', 'Bao cao thanh tich BTC.pdf');
    expect(report).toMatchObject({ purpose: 'achievementReport', unitId: 'ban-to-chuc', mediaType: MEDIA.pdf });
    await expect(send(link, 'signedMinutes', 'bien-ban.pdf')).rejects.toThrow(FileScopeError);
  });

  it('lists the dossier\'s files as links in the approval request, attaching none of them', async () => {
    await h.advanceTo(OPENS.approval);
    const request = (await h.mailTo(config.approverEmail)).filter((m) => SUBJECT.approval.test(m.subject)).at(-1)!;
    expect(request.body.text).toMatch(/Báo cáo thành tích — Ban Tổ chức Tỉnh ủy: Bao cao thanh tich BTC\.pdf: http:\/\/thidua\.test\/l\/[\w-]{43}\/files\/[\w-]{22}/);
    expect(request.attachments?.map((a) => a.filename) ?? []).not.toContain('Bao cao thanh tich BTC.pdf');
  });

  it('refuses the approval while the signed minutes are missing, and takes it once the leader has sent them', async () => {
    const approval = await h.linkFor(config.approverEmail, SUBJECT.approval);
    await expect(h.act(approval, { decision: 'approve' })).rejects.toThrow(MissingScansError);
    const minutes = await send(await h.linkFor(email(config.bloc.leaderUnitId!), FILES_ASKED), 'signedMinutes', 'Bien ban da ky.pdf');
    await expect(h.act(approval, { decision: 'approve' })).resolves.toMatchObject({ kind: 'submitted' });
    const added = (await listAuditEvents(h.deps.store, cycleId)).filter((e) => e.action === 'file.added').map((e) => (e.after as { sha256: string }).sha256);
    expect(added).toContain(minutes.sha256);
  });

  it('names the files in the proposal\'s list of attached documents', async () => {
    const [proposal] = await buildDocuments(await loadScoredDossier(h.deps.store, cycleId), ['awardProposal']);
    const text = docxText(proposal!.content);
    expect(text).toMatch(/1\. Biên bản kiểm phiếu bình xét, suy tôn \(bỏ phiếu kín trực tuyến\) ngày .* \(bản đã ký, đóng dấu: tệp “Bien ban da ky\.pdf”\)\./);
    expect(text).toMatch(/3\. Báo cáo thành tích của Ban Tổ chức Tỉnh ủy \(tệp “Bao cao thanh tich BTC\.pdf”\)\./);
  });
});
