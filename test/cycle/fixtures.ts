/** A cycle configuration for the Party bloc of the domain tests, with addresses unique to one test. */
import { randomUUID } from 'node:crypto';
import { BlocSchema, TimelineSchema, defaultBlocRules, defaultCriteriaSheet, pinConfig, type BlocRules, type CycleConfig } from '../../functions/domain/index.js';
import { partyBloc } from '../domain/fixtures.js';

export const TIMELINE_2026 = {
  year: 2026,
  selfAssessment: { opensOn: '2026-11-01', deadlineOn: '2026-11-20' },
  crossCheck: { opensOn: '2026-11-21', deadlineOn: '2026-11-30' },
  vote: { opensOn: '2026-12-01', deadlineOn: '2026-12-10' },
  approval: { opensOn: '2026-12-11', deadlineOn: '2026-12-25' },
};

/** Opening instants (00:00 Vietnam time) of the 2026 phases. */
export const OPENS = {
  selfAssessment: '2026-10-31T17:00:00.000Z',
  crossCheck: '2026-11-20T17:00:00.000Z',
  vote: '2026-11-30T17:00:00.000Z',
  approval: '2026-12-10T17:00:00.000Z',
};

/**
 * The test cycle's configuration. Its phases close as soon as every unit has acted (`closeEarly`), so a
 * test moves on without waiting for each deadline; `rules: { closeEarly: false }` gives the default.
 */
export function cycleConfig(options: { rules?: Partial<BlocRules>; timeline?: object; /** The first `units` of the bloc only (a smaller bloc, a leaner test). */ units?: number } = {}): CycleConfig {
  const tag = randomUUID().slice(0, 8);
  const base = partyBloc();
  const units = base.units.slice(0, options.units ?? base.units.length);
  const bloc = BlocSchema.parse({ ...base, id: `khoi-dang-${tag}`, units: units.map((u) => ({ ...u, email: `${u.id}.${tag}@example.gov.vn` })) });
  return pinConfig({
    bloc,
    sheet: defaultCriteriaSheet,
    // The cycle tests vote online unless they hold the conference (rules.voteMode).
    rules: { ...defaultBlocRules, closeEarly: true, voteMode: 'online', ...options.rules },
    timeline: TimelineSchema.parse({ ...TIMELINE_2026, ...options.timeline }),
    approverEmail: `ban-tdkt.${tag}@example.gov.vn`,
    adminEmails: [`admin.${tag}@example.gov.vn`],
  });
}

export const SUBJECT = {
  selfAssessment: /mở giai đoạn tự chấm điểm/,
  reopenedSelfAssessment: /mở lại biểu mẫu tự chấm điểm/,
  crossCheck: /Phân công kiểm tra chéo/,
  ballot: /Phiếu bình xét/,
  meetingRecord: /Ghi biên bản hội nghị/,
  approval: /Đề nghị phê duyệt/,
  revision: /trả lại để hoàn thiện/,
  receipt: /Đã nhận/,
  reminder: /Nhắc hạn/,
  results: /Kết quả thi đua/,
};

/** Two units tied for first, the rest spread below. */
export const TIED = {
  'vp-tinh-uy': 995, 'ban-to-chuc': 995, 'ban-tuyen-giao': 985, 'ban-dan-van': 980, ubkt: 975,
  'ban-noi-chinh': 970, 'bao-tinh': 965, 'truong-chinh-tri': 960, 'dang-uy-khoi': 955,
};
export const CERTIFICATE_NOMINEES = ['vp-tinh-uy', 'ban-to-chuc', 'ban-tuyen-giao', 'ban-dan-van', 'ubkt'];

/** Half the bloc approves one tied unit for the flag, half the other: nobody reaches 80%. */
export const splitVote = (round: number) => (_unitId: string, i: number) => ({
  flag: { 'vp-tinh-uy': i % 2 === 0, 'ban-to-chuc': i % 2 === 1 },
  certificate: round === 1 ? Object.fromEntries(CERTIFICATE_NOMINEES.map((id) => [id, true])) : {},
  ...(round === 1 ? { leaderUnitId: 'ban-to-chuc', deputyUnitId: 'ban-tuyen-giao' } : {}),
});
