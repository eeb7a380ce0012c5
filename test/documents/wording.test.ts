import { describe, expect, it } from 'vitest';
import { guestText } from '../../functions/documents/wording.js';

describe('guestText', () => {
  it('names the organisation once when the title already names it', () => {
    const guest = { name: 'Trương Văn Dũng', title: 'Phó Trưởng Ban Thi đua - Khen thưởng tỉnh', organisation: 'Ban Thi đua - Khen thưởng tỉnh' };
    expect(guestText(guest)).toBe('Trương Văn Dũng, Phó Trưởng Ban Thi đua - Khen thưởng tỉnh');
  });

  it('adds the organisation when the title does not name it', () => {
    const guest = { name: 'Lê Thị Hoa', title: 'Chuyên viên', organisation: 'Sở Nội vụ' };
    expect(guestText(guest)).toBe('Lê Thị Hoa, Chuyên viên, Sở Nội vụ');
  });
});
