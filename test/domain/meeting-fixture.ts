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
 * guest; round 1 splits the flag 5 to 3, the runoff gives the Organization Board 8 of 9 with the absent
 * newspaper's written vote; the meeting orders the two units equal in fourth place.
 */
export function conferenceRecord(bloc: Pick<Bloc, 'units'>, overrides: Record<string, unknown> = {}) {
  const person = (unitId: string, role: 'head' | 'officer') => {
    const p = bloc.units.find((u) => u.id === unitId)!.people![role];
    return { unitId, name: p.name, title: p.title };
  };
  const present = bloc.units.map((u) => u.id).filter((id) => id !== 'bao-tinh');
  return {
    heldAt: '2026-11-28T08:00:00+07:00',
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
      { flag: { 'vp-tinh-uy': 5, 'ban-to-chuc': 3 }, certificate: Object.fromEntries(CERTIFICATE_NOMINEES.map((id) => [id, 8])) },
      { flag: { 'vp-tinh-uy': 0, 'ban-to-chuc': 8 }, writtenVoters: ['bao-tinh'] },
    ],
    equalOrder: [{ unitIds: ['ubkt', 'ban-dan-van'], reason: 'Ủy ban Kiểm tra Tỉnh ủy có mô hình mới được nhân rộng' }],
    nextLeaderUnitId: 'ban-to-chuc',
    nextDeputyUnitId: 'ban-tuyen-giao',
    pledgeSigned: true,
    ...overrides,
  };
}
