import { describe, expect, it } from 'vitest';
import { buildDocuments } from '../../functions/documents/index.js';
import { BlocSchema } from '../../functions/domain/index.js';
import { partyBloc } from '../domain/fixtures.js';
import { plainDossier } from './fixture.js';
import { readXlsx } from './read.js';

describe('the dossier of the largest bloc', () => {
  it('fits the three documents of 60 units in an approval request well under the 350 KB a message may have', async () => {
    const base = partyBloc();
    const units = Array.from({ length: 60 }, (_, i) => ({ ...base.units[0]!, id: `don-vi-${i}`, name: `Đơn vị thành viên số ${i + 1} của khối`, email: `u${i}@example.gov.vn`, rotationOrder: i }));
    const files = await buildDocuments(plainDossier(BlocSchema.parse({ ...base, units, leaderUnitId: 'don-vi-0' })));
    const base64Bytes = files.reduce((sum, f) => sum + Math.ceil(f.content.byteLength / 3) * 4, 0);
    expect(base64Bytes).toBeLessThan(200_000);
    expect((await readXlsx(files[0]!.content)).getWorksheet('Tổng hợp')!.getCell(66, 2).value).toBe('Đơn vị thành viên số 60 của khối');
  });
});
