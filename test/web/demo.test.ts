import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESULT_NAMES, readResult, type FinalResult, type Proposal } from '../../functions/cycle/results.js';
import { listFiles } from '../../functions/store/files.js';
import { DemoClient } from '../../local/simulate/client.js';
import { simulate, type BlocOutcome } from '../../local/simulate/simulate.js';
import { startWebStack, type WebStack } from '../support/web.js';

describe('the unattended demo', () => {
  let web: WebStack;
  let client: DemoClient;
  let outcome: BlocOutcome;

  beforeAll(async () => {
    web = await startWebStack();
    client = new DemoClient(web.stack.url, web.stack.endpoints.ses);
    await client.signIn(web.stack.adminSignInUrl);
    [outcome] = (await simulate(client, { blocs: 1, units: 9, seed: 7 })) as [BlocOutcome];
  }, 180_000);

  afterAll(() => web?.stop());

  it('ends the cycle with the published result it prints', async () => {
    const final = await readResult<FinalResult>(web.stack.store, outcome.cycleId, RESULT_NAMES.final);
    expect(outcome.status).toBe(final?.status);
    expect(outcome.ranking).toHaveLength(9);
    expect(outcome.ranking.filter((r) => r.award === 'flag').map((r) => r.unitId)).toEqual(final!.flag);
    expect(outcome.ranking.filter((r) => r.award === 'certificate').map((r) => r.unitId).sort()).toEqual([...final!.certificate].sort());
  });

  it('sent a small PDF as each nominee\'s achievement report and the signed minutes', async () => {
    const proposal = (await readResult<Proposal>(web.stack.store, outcome.cycleId, RESULT_NAMES.proposal))!;
    const files = await listFiles(web.stack.store, outcome.cycleId);
    const reports = files.filter((f) => f.purpose === 'achievementReport').map((f) => f.unitId).sort();
    expect(reports).toEqual([...new Set([...proposal.flag, ...proposal.certificate])].sort());
    expect(files.filter((f) => f.purpose === 'signedMinutes')).toHaveLength(1);
    expect(files.every((f) => f.mediaType === 'application/pdf' && /^[0-9a-f]{64}$/.test(f.sha256))).toBe(true);
  });

  it('shows that the ballot was received, and not what it holds, when a used ballot link is opened again', async () => {
    const [ballot] = await client.links('vp-tinh-uy@dangbo.thidua.local', /Phiếu bình xét/);
    const response = await fetch(`${web.stack.url}/l/${ballot}`);
    const page = await response.text();
    expect(response.status).toBe(200);
    expect(page).toContain('Nội dung này đã được nộp trước đó');
    expect(page).toContain('Phiếu bầu (bỏ phiếu kín)');
    expect(page).not.toContain('Trưởng khối năm sau');
  });
});
