/** The web tests' pledge conference: its calendar and the secretary's record as the form sends it. */
import { vietnamDateOf, type Timeline } from '../../functions/domain/index.js';

const DAY_MS = 86_400_000;

/** The demo bloc's calendar with a pledge conference today and tomorrow, hosted by Ban Tổ chức at its hall, 14:00 on the last day. */
export function pledgeCalendar(now: number, hostUnitId = 'ban-to-chuc'): Timeline {
  const day = (n: number) => vietnamDateOf(now + n * DAY_MS);
  return {
    year: Number(day(0).slice(0, 4)),
    pledge: { opensOn: day(0), deadlineOn: day(1), conference: { at: '14:00', place: 'Hội trường Ban Tổ chức Tỉnh ủy', hostUnitId } },
    selfAssessment: { opensOn: day(2), deadlineOn: day(8) },
    crossCheck: { opensOn: day(9), deadlineOn: day(12) },
    vote: { opensOn: day(13), deadlineOn: day(16) },
    approval: { opensOn: day(17), deadlineOn: day(23) },
  } as Timeline;
}

/** When the pledge conference of {@link pledgeCalendar} sits, as the form's control holds it: 14:00 on its last day. */
export const sittingOf = (calendar: Timeline) => `${calendar.pledge!.deadlineOn}T14:00`;

/** The secretary's record as the form sends it: every unit's head but the newspaper's, the usual agenda adopted, all present sign. */
export function recordFields(heldAt: string, overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  const units = ['vp-tinh-uy', 'ban-to-chuc', 'ban-tuyen-giao', 'ban-dan-van', 'ubkt', 'ban-noi-chinh', 'truong-chinh-tri', 'dang-uy-khoi'];
  return {
    heldAt,
    place: 'Hội trường Ban Tổ chức Tỉnh ủy',
    hostUnitId: 'ban-to-chuc',
    chair: 'vp-tinh-uy/head',
    secretary: 'vp-tinh-uy/officer',
    attendance: [...units.map((id) => `${id}/head`), 'vp-tinh-uy/officer'],
    'agenda.0.item': 'Kế hoạch hoạt động của khối thi đua',
    'agenda.0.adopted': 'yes',
    pledgeSigners: units,
    intent: 'submit',
    ...overrides,
  };
}
