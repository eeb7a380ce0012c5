import { describe, expect, it } from 'vitest';
import { drillBloc } from '../../local/simulate/simulate.js';

describe('drillBloc (the generated province\'s blocs)', () => {
  const blocs = Array.from({ length: 5 }, (_, i) => drillBloc({ blocs: 5, units: 14, seed: 1 }, i + 1));

  it('makes each "Cụm thi đua" a cluster with its Cụm trưởng, under the state header', () => {
    for (const bloc of blocs) {
      expect(bloc.rules.awarding.kind).toBe('cum');
      expect(bloc.headerStyle).toBe('state');
    }
  });

  it('titles each unit\'s head as its kind of agency does', () => {
    const titles = blocs[0]!.units.map((u) => u.people.head.title);
    expect(titles).toEqual(expect.arrayContaining(['Giám đốc Sở Tài chính', 'Chánh Thanh tra tỉnh', 'Chánh Văn phòng UBND tỉnh', 'Trưởng Ban Quản lý các khu công nghiệp']));
    expect(titles.join()).not.toContain('Thủ trưởng');
  });
});
