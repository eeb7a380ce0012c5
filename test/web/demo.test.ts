import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESULT_NAMES, readResult, type FinalResult, type Proposal, type VoteRound } from '../../functions/cycle/results.js';
import { listFiles } from '../../functions/store/files.js';
import { getForm } from '../../functions/store/forms.js';
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
    [outcome] = (await simulate(client, { blocs: 1, units: 9, seed: 7, pledgeConference: true })) as [BlocOutcome];
  }, 180_000);

  afterAll(() => web?.stop());

  it('ends the cycle with the published result it prints', async () => {
    const final = await readResult<FinalResult>(web.stack.store, outcome.cycleId, RESULT_NAMES.final);
    expect(outcome.status).toBe(final?.status);
    expect(outcome.ranking).toHaveLength(9);
    expect(outcome.ranking.filter((r) => r.award === 'flag').map((r) => r.unitId)).toEqual(final!.flag);
    expect(outcome.ranking.filter((r) => r.award === 'certificate').map((r) => r.unitId).sort()).toEqual([...final!.certificate].sort());
  });

  it('plays the pledge conference: the secretary records it and every unit signs the pledge at the sitting', async () => {
    const record = await getForm<{ kind: string; pledgeSigners: string[] }>(web.stack.store, { cycleId: outcome.cycleId, phase: 'pledge', round: 1, unitId: 'vp-tinh-uy' });
    expect(record?.submitted).toMatchObject({ kind: 'pledge', place: 'Hội trường tầng 2, trụ sở đơn vị Trưởng khối' });
    expect(record!.submitted!.pledgeSigners).toHaveLength(9);
  });

  it('sent a small PDF as each nominee\'s achievement report and the signed minutes', async () => {
    const proposal = (await readResult<Proposal>(web.stack.store, outcome.cycleId, RESULT_NAMES.proposal))!;
    const files = await listFiles(web.stack.store, outcome.cycleId);
    const reports = files.filter((f) => f.purpose === 'achievementReport').map((f) => f.unitId).sort();
    expect(reports).toEqual([...new Set([...proposal.flag, ...proposal.certificate])].sort());
    expect(files.filter((f) => f.purpose === 'signedMinutes')).toHaveLength(1);
    expect(files.every((f) => f.mediaType === 'application/pdf' && /^[0-9a-f]{64}$/.test(f.sha256))).toBe(true);
  });

  it('plays the year-end conference by secret ballot: a written vote in the first round, a runoff in the room settles the flag, the meeting orders the two units that share a place', async () => {
    const rounds = await Promise.all([1, 2].map((r) => readResult<VoteRound>(web.stack.store, outcome.cycleId, RESULT_NAMES.vote(r))));
    expect(rounds.map((r) => r?.outcome.kind)).toEqual(['runoff', 'decided']);
    expect(rounds[0]!.voters).toContain('dang-uy-khoi'); // absent, it voted in writing on the first round's ballot
    expect(rounds[1]!.voters).not.toContain('dang-uy-khoi'); // the runoff is voted in the room
    const places = outcome.ranking.filter((r) => r.unitId === 'ban-dan-van' || r.unitId === 'ubkt').map((r) => r.place);
    expect(new Set(places).size).toBe(1);
    const summary = (await client.mail('ubkt@dangbo.thidua.local')).find((m) => /Biên bản hội nghị tổng kết/.test(m.subject));
    expect(summary!.body.text).toMatch(/(Ban Dân vận Tỉnh ủy|Ủy ban Kiểm tra Tỉnh ủy) → (Ban Dân vận Tỉnh ủy|Ủy ban Kiểm tra Tỉnh ủy)/);
  });

  it('shows what was recorded when the secretary\'s used link is opened again', async () => {
    const [record] = await client.links('vp-tinh-uy@dangbo.thidua.local', /Ghi biên bản hội nghị tổng kết/);
    const response = await fetch(`${web.stack.url}/l/${record}`);
    const page = await response.text();
    expect(response.status).toBe(200);
    expect(page).toContain('Biên bản hội nghị này đã được ghi trước đó');
    expect(page).toContain('Thứ tự các đơn vị đồng hạng');
  });
});
