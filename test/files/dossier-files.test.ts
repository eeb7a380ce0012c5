import { beforeAll, describe, expect, it } from 'vitest';
import { actorOfLink } from '../../functions/files/access.js';
import { FileScopeError } from '../../functions/files/errors.js';
import { confirmUpload, issueUpload, openFile } from '../../functions/files/files.js';
import { MEDIA } from '../../functions/files/purposes.js';
import { loadDossier, missingScans } from '../../functions/dossier/index.js';
import type { CycleDeps } from '../../functions/shared/deps.js';
import { saveResult } from '../../functions/store/results.js';
import { createFilesDeps, cycleWithLinks, postToStorage, smallPdf } from '../support/files.js';

let deps: CycleDeps;
beforeAll(async () => {
  deps = await createFilesDeps();
});

async function addFile(linkId: string, purpose: string, criterion?: string) {
  const actor = await actorOfLink(deps.store, linkId, new Date());
  const pdf = smallPdf(purpose);
  const issued = await issueUpload(deps, actor, { purpose: purpose as 'evidence', ...(criterion ? { criterion } : {}), fileName: `${purpose}.pdf`, contentType: MEDIA.pdf, size: pdf.byteLength });
  expect((await postToStorage(issued, pdf, `${purpose}.pdf`)).status).toBe(204);
  return confirmUpload(deps, actor, issued.uploadId, new Date());
}

describe('the dossier\'s files in the read model', () => {
  it('lists every file with its unit, purpose, criterion, time and sha256, and never its storage key', async () => {
    const { cycleId, units, links, criterion } = await cycleWithLinks(deps, { 0: 'selfAssessment', 2: 'leaderDecision' });
    const evidence = await addFile(links[units[0]!]!, 'evidence', criterion);
    const minutes = await addFile(links[units[2]!]!, 'signedMinutes');
    const { files } = await loadDossier(deps.store, cycleId);
    expect(files).toEqual([
      expect.objectContaining({ fileId: evidence.fileId, unitId: units[0], purpose: 'evidence', criterion, addedBy: `unit:${units[0]}`, addedAt: evidence.addedAt, sha256: evidence.sha256 }),
      expect.objectContaining({ fileId: minutes.fileId, unitId: units[2], purpose: 'signedMinutes', sha256: minutes.sha256 }),
    ]);
    expect(files[0]).not.toHaveProperty('key');
  });

  it('names the signed scans the bloc\'s rules require that the dossier lacks', async () => {
    const { cycleId, units, links, config } = await cycleWithLinks(deps, { 2: 'leaderDecision' });
    const required = (scans: string[]) => ({ ...config, rules: { ...config.rules, requiredScans: scans } });
    const dossierWith = async (scans: string[]) => {
      const dossier = await loadDossier(deps.store, cycleId);
      return { ...dossier, cycle: { ...dossier.cycle, config: required(scans) as typeof dossier.cycle.config } };
    };
    expect(missingScans(await dossierWith([]))).toEqual([]);
    expect(missingScans(await dossierWith(['signedMinutes', 'signedProposal']))).toEqual(['signedMinutes', 'signedProposal']);
    await addFile(links[units[2]!]!, 'signedProposal');
    expect(missingScans(await dossierWith(['signedMinutes', 'signedProposal']))).toEqual(['signedMinutes']);
  });

  it('lets the cross-checker open the checked unit\'s evidence, and no other unit\'s', async () => {
    const { cycleId, units, links, criterion } = await cycleWithLinks(deps, { 0: 'selfAssessment', 1: 'crossCheck', 3: 'selfAssessment' });
    const checked = await addFile(links[units[0]!]!, 'evidence', criterion);
    const other = await addFile(links[units[3]!]!, 'evidence', criterion);
    const window = { phase: 'crossCheck', round: 1, opensAt: new Date().toISOString(), deadlineAt: new Date(Date.now() + 86_400_000).toISOString(), capAt: new Date(Date.now() + 2 * 86_400_000).toISOString(), actors: [units[1]], assignments: [{ checkerUnitId: units[1], checkedUnitId: units[0] }] };
    await saveResult(deps.store, cycleId, 'window.crossCheck.1', { data: window, expectedVersion: 0, now: new Date() });
    const checker = await actorOfLink(deps.store, links[units[1]!]!, new Date());
    const opened = await openFile(deps, checker, checked.fileId);
    expect(Buffer.from(await (await fetch(opened.url)).arrayBuffer())).toEqual(smallPdf('evidence'));
    await expect(openFile(deps, checker, other.fileId)).rejects.toThrow(FileScopeError);
  });
});
