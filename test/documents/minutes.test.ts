/** What the minutes (Biên bản) say of who kept them and how the members voted. */
import { describe, expect, it } from 'vitest';
import { buildDocuments } from '../../functions/documents/index.js';
import type { ScoredDossier } from '../../functions/dossier/index.js';
import { partyBloc } from '../domain/fixtures.js';
import { plainDossier } from './fixture.js';
import { docxText } from './read.js';

const minutesOf = async (dossier: ScoredDossier) => docxText((await buildDocuments(dossier, ['meetingMinutes']))[0]!.content);

describe('the persons the minutes of an online ballot name', () => {
  it('leaves a dotted line for the secretary, never the leader unit\'s name, when no person is recorded', async () => {
    const bloc = partyBloc();
    const text = await minutesOf(plainDossier({ ...bloc, units: bloc.units.map(({ people: _, ...u }) => u) }));
    expect(text).toContain('Thư ký tổng hợp: …………………………….');
    expect(text).not.toMatch(/Thư ký tổng hợp: Văn phòng/);
  });
});
