/** A year-end conference of the Party bloc, as a secretary records it (test/domain, test/cycle and test/documents use it). */
import type { Bloc } from '../../functions/domain/index.js';

/** The first two units tie at 995 (the flag goes to the vote); ban-dan-van and ubkt share the fourth place. */
export const CONFERENCE_TOTALS = {
  'vp-tinh-uy': 995, 'ban-to-chuc': 995, 'ban-tuyen-giao': 985, 'ban-dan-van': 980, ubkt: 980,
  'ban-noi-chinh': 970, 'bao-tinh': 965, 'truong-chinh-tri': 960, 'dang-uy-khoi': 955,
};
export const CERTIFICATE_NOMINEES = ['vp-tinh-uy', 'ban-to-chuc', 'ban-tuyen-giao', 'ban-dan-van', 'ubkt'];

/**
 * All but the newspaper attend (each unit's head; the leader unit also its officer, the secretary), with a
 * guest; round 1, with the absent newspaper's written vote, splits the flag 5 to 3; the runoff, voted by
 * the 8 in the room, gives the Organization Board 8 of 9; the meeting orders the two units equal in fourth place.
 */
export function conferenceRecord(bloc: Pick<Bloc, 'units'>, overrides: Record<string, unknown> = {}) {
  const person = (unitId: string, role: 'head' | 'officer') => {
    const p = bloc.units.find((u) => u.id === unitId)!.people![role];
    return { unitId, name: p.name, title: p.title };
  };
  const present = bloc.units.map((u) => u.id).filter((id) => id !== 'bao-tinh');
  return {
    heldAt: '2026-12-03T08:00:00+07:00',
    place: 'Hội trường Văn phòng Tỉnh ủy, 01 Lê Duẩn',
    hostUnitId: 'vp-tinh-uy',
    chair: person('vp-tinh-uy', 'head'),
    secretary: person('vp-tinh-uy', 'officer'),
    attendance: [...present.map((id) => person(id, 'head')), person('vp-tinh-uy', 'officer')],
    guests: [{ name: 'Trương Văn Dũng', title: 'Phó Trưởng Ban Thi đua - Khen thưởng tỉnh', organisation: 'Ban Thi đua - Khen thưởng tỉnh' }],
    agenda: [
      { item: 'Báo cáo tổng kết công tác thi đua năm 2026 và phương hướng năm 2027', adopted: true },
      { item: 'Công bố kết quả chấm điểm, kiểm tra chéo', adopted: true },
    ],
    countingCommittee: [
      { unitId: 'ban-tuyen-giao', name: person('ban-tuyen-giao', 'head').name },
      { unitId: 'ubkt', name: person('ubkt', 'head').name },
    ],
    rounds: [
      { flag: { 'vp-tinh-uy': 5, 'ban-to-chuc': 3 }, certificate: Object.fromEntries(CERTIFICATE_NOMINEES.map((id) => [id, 8])), writtenVoters: ['bao-tinh'] },
      { flag: { 'vp-tinh-uy': 0, 'ban-to-chuc': 8 } },
    ],
    equalOrder: [{ unitIds: ['ubkt', 'ban-dan-van'], reason: 'Ủy ban Kiểm tra Tỉnh ủy có mô hình mới được nhân rộng' }],
    nextLeaderUnitId: 'ban-to-chuc',
    nextDeputyUnitId: 'ban-tuyen-giao',
    pledgeSigned: true,
    ...overrides,
  };
}

/**
 * A pledge or mid-year conference of a bloc, as its secretary records it: every unit's head attends but
 * the last unit's, with a guest; the plan (or report) is adopted; at the pledge conference every unit present signs.
 */
export function sittingRecord(bloc: Pick<Bloc, 'units'>, kind: 'pledge' | 'midYear', overrides: Record<string, unknown> = {}) {
  const person = (unitId: string, role: 'head' | 'officer') => {
    const p = bloc.units.find((u) => u.id === unitId)!.people![role];
    return { unitId, name: p.name, title: p.title };
  };
  const present = bloc.units.slice(0, -1).map((u) => u.id);
  const leader = present[0]!;
  return {
    kind,
    heldAt: kind === 'pledge' ? '2026-01-15T14:00:00+07:00' : '2026-07-08T08:00:00+07:00',
    place: kind === 'pledge' ? 'Hội trường Ban Tổ chức Tỉnh ủy' : 'Phòng họp Văn phòng Tỉnh ủy',
    hostUnitId: kind === 'pledge' ? 'ban-to-chuc' : leader,
    chair: person(leader, 'head'),
    secretary: person(leader, 'officer'),
    attendance: [...present.map((id) => person(id, 'head')), person(leader, 'officer')],
    guests: [{ name: 'Trương Văn Dũng', title: 'Phó Trưởng Ban Thi đua - Khen thưởng tỉnh', organisation: 'Ban Thi đua - Khen thưởng tỉnh' }],
    agenda:
      kind === 'pledge'
        ? [{ item: 'Kế hoạch hoạt động của khối thi đua năm 2026', adopted: true }, { item: 'Ký kết giao ước thi đua năm 2026', adopted: true }]
        : [{ item: 'Báo cáo sơ kết công tác thi đua 6 tháng đầu năm 2026', adopted: true }, { item: 'Điều chỉnh lịch kiểm tra chéo', adopted: false }],
    ...(kind === 'pledge' ? { pledgeSigners: present } : {}),
    ...overrides,
  };
}
