/**
 * The demo data of the local stack: one bloc modelled on a province's Party agencies ("khối thi đua các
 * cơ quan Đảng tỉnh", 9 units), the default criteria sheet and the default rules, stored through the
 * admin console's own settings module (functions/admin/settings.ts), so the console reads them as its
 * own. Every address is on a `.local` domain: the mail goes to the SES emulator's viewer, never to a real
 * inbox.
 */
import { StoredBlocSchema, configForCycle, saveBlocSettings, storeSheet, type StoredBloc } from '../../functions/admin/settings.js';
import {
  BlocSchema,
  TimelineSchema,
  defaultBlocRules,
  defaultCriteriaSheet,
  sheetVersion,
  vietnamDateOf,
  type Bloc,
  type CycleConfig,
  type Timeline,
} from '../../functions/domain/index.js';
import type { Store } from '../../functions/store/client.js';
import { getBloc, listBlocs } from '../../functions/store/blocs.js';
import { AlreadyExistsError, NotFoundError } from '../../functions/store/errors.js';
import { DEMO_GUESTS, demoPeople } from './people.js';

export const DEMO_BLOC_ID = 'khoi-dang';
export const DEMO_SHEET_ID = 'mac-dinh';
export const DEMO_APPROVER = 'ban-tdkt@thidua.local';

/** The nine agencies of a provincial Party bloc (SPEC §1): id, name, short name. */
const PARTY_AGENCIES = [
  ['vp-tinh-uy', 'Văn phòng Tỉnh ủy', 'VPTU'],
  ['ban-to-chuc', 'Ban Tổ chức Tỉnh ủy', 'BTC'],
  ['ban-tuyen-giao', 'Ban Tuyên giáo Tỉnh ủy', 'BTG'],
  ['ban-dan-van', 'Ban Dân vận Tỉnh ủy', 'BDV'],
  ['ubkt', 'Ủy ban Kiểm tra Tỉnh ủy', 'UBKT'],
  ['ban-noi-chinh', 'Ban Nội chính Tỉnh ủy', 'BNC'],
  ['bao-tinh', 'Báo tỉnh', 'BAO'],
  ['truong-chinh-tri', 'Trường Chính trị tỉnh', 'TCT'],
  ['dang-uy-khoi', 'Đảng ủy Khối các cơ quan tỉnh', 'DUK'],
] as const;

/** The demo bloc: Văn phòng Tỉnh ủy leads, Ban Tổ chức is deputy; two units are women-led. */
export const demoBloc: Bloc = BlocSchema.parse({
  id: DEMO_BLOC_ID,
  name: 'Khối thi đua các cơ quan Đảng tỉnh',
  province: 'Đắk Lắk',
  headerStyle: 'party',
  units: PARTY_AGENCIES.map(([id, name, shortName], i) => ({
    id,
    name,
    shortName,
    email: `${id}@dangbo.thidua.local`,
    rotationOrder: i,
    womenLed: id === 'ban-dan-van' || id === 'truong-chinh-tri',
    people: demoPeople(id, `${id}@dangbo.thidua.local`),
  })),
  leaderUnitId: 'vp-tinh-uy',
  deputyUnitId: 'ban-to-chuc',
  guests: DEMO_GUESTS,
});

export const demoStoredBloc: StoredBloc = StoredBlocSchema.parse({
  ...demoBloc,
  // The default: the bloc votes at its year-end conference by secret paper ballot, recorded by the secretary.
  rules: defaultBlocRules,
  sheet: { sheetId: DEMO_SHEET_ID, sheetVersion: sheetVersion(defaultCriteriaSheet) },
  approverEmail: DEMO_APPROVER,
});

/**
 * Stores the demo bloc and its sheet unless the bloc is there; safe to run again, and concurrently.
 * Returns whether it wrote anything.
 */
export async function seedDemoData(store: Store, now: Date): Promise<boolean> {
  try {
    await getBloc(store, DEMO_BLOC_ID);
    return false;
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
  }
  await storeSheet(store, DEMO_BLOC_ID, DEMO_SHEET_ID, defaultCriteriaSheet, now);
  try {
    await saveBlocSettings(store, demoStoredBloc, 0, { actor: 'system:demo', at: now });
  } catch (error) {
    if (!(error instanceof AlreadyExistsError)) throw error; // a concurrent seed got there first
  }
  return true;
}

/** Whether the table holds no bloc at all (a fresh `.data/`). */
export async function hasNoBlocs(store: Store): Promise<boolean> {
  return (await listBlocs(store)).length === 0;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A short timeline for a demo: self-assessment opens today (Vietnam date of `today`) for a week, then
 * cross-check, vote and approval a few days each; the year is today's.
 */
export function demoTimeline(today: Date | number): Timeline {
  const at = typeof today === 'number' ? today : today.getTime();
  const day = (n: number) => vietnamDateOf(at + n * DAY_MS);
  return TimelineSchema.parse({
    year: Number(day(0).slice(0, 4)),
    selfAssessment: { opensOn: day(0), deadlineOn: day(6) },
    crossCheck: { opensOn: day(7), deadlineOn: day(10) },
    vote: { opensOn: day(11), deadlineOn: day(14) },
    approval: { opensOn: day(15), deadlineOn: day(21) },
  });
}

/** The stored demo bloc's cycle configuration with {@link demoTimeline}, pinned as the admin console pins it. */
export function demoCycleConfig(store: Store, today: Date | number, adminEmails: string[]): Promise<CycleConfig> {
  return configForCycle(store, DEMO_BLOC_ID, demoTimeline(today), adminEmails);
}
