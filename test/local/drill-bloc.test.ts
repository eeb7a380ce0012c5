import { describe, expect, it } from 'vitest';
import { drillBloc } from '../../local/simulate/drill-blocs.js';

describe('drillBloc (the generated province\'s blocs)', () => {
  const blocs = Array.from({ length: 5 }, (_, i) => drillBloc({ blocs: 5, units: 14, seed: 1 }, i + 1));

  it('makes each "Cụm thi đua" a cluster with its Cụm trưởng', () => {
    for (const bloc of blocs) expect(bloc.rules.awarding.kind).toBe('cum');
  });

  it('puts departments under the state header and the province\'s awards', () => {
    expect(blocs[0]!.headerStyle).toBe('state');
    expect(blocs[0]!.rules.awarding.body).toContain('Ủy ban nhân dân tỉnh');
  });

  it('puts the Party header only over Party committees, with the Party\'s awards and their secretaries as heads', () => {
    const party = blocs[4]!;
    expect(party.headerStyle).toBe('party');
    expect(party.rules.awarding.awards.flag).toBe('Cờ thi đua của Ban Chấp hành Đảng bộ tỉnh');
    expect(party.units[0]!.name).toBe('Đảng ủy Sở Tài chính (cụm 5)');
    expect(party.units[0]!.people.head.title).toBe('Bí thư Đảng ủy Sở Tài chính');
  });

  it('titles each unit\'s head as its kind of agency does', () => {
    const titles = blocs[0]!.units.map((u) => u.people.head.title);
    expect(titles).toEqual(expect.arrayContaining(['Giám đốc Sở Tài chính', 'Chánh Thanh tra tỉnh', 'Chánh Văn phòng UBND tỉnh', 'Trưởng Ban Quản lý các khu công nghiệp']));
    expect(titles.join()).not.toContain('Thủ trưởng');
  });
});
