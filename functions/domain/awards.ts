import { certificateQuotaFor, type BlocRules } from './rules.js';
import type { RankedUnit } from './scoring.js';

/**
 * Nominations (SPEC §3.5): only eligible units classified "Hoàn thành xuất sắc nhiệm vụ" can be proposed.
 * The flag goes to the best-placed of them; certificates to the next ones, up to the quota. A tie at a
 * quota's edge is first settled by the women-led preference (NĐ 152/2025 art. 4); what is still tied goes
 * to the vote as a contest.
 */

export interface SeatFill {
  /** Units that take a seat outright (each still needs the vote's approval). */
  chosen: string[];
  /** Units tied for the last seats; the vote decides which of them take `seats` seats. */
  contested?: { candidates: string[]; seats: number } | undefined;
}

/**
 * Fills `seats` seats from rows in rank order, leaving an unresolvable tie at the edge to the vote. With
 * `keepEqualOnBallot`, units equal at the edge that the women-led preference passed over stay on the
 * ballot as contested for the seats left (possibly none): the vote and the conference may still choose
 * them, should a preferred unit not pass or the meeting order the equal units otherwise.
 */
export function fillSeats(rows: readonly RankedUnit[], seats: number, preferWomenLed: boolean, keepEqualOnBallot = false): SeatFill {
  const chosen: string[] = [];
  const places = [...new Set(rows.map((r) => r.place))].sort((a, b) => a - b);
  for (const place of places) {
    const free = seats - chosen.length;
    if (free <= 0) break;
    const group = rows.filter((r) => r.place === place);
    if (group.length <= free) {
      chosen.push(...group.map((r) => r.unitId));
      continue;
    }
    const preferred = preferWomenLed ? group.filter((r) => r.womenLed) : [];
    if (preferred.length > 0 && preferred.length <= free) {
      chosen.push(...preferred.map((r) => r.unitId));
      const rest = group.filter((r) => !r.womenLed);
      const left = free - preferred.length;
      if (left > 0 || keepEqualOnBallot) return { chosen, contested: { candidates: rest.map((r) => r.unitId), seats: left } };
      return { chosen };
    }
    const tied = preferred.length > free ? preferred : group;
    return { chosen, contested: { candidates: tied.map((r) => r.unitId), seats: free } };
  }
  return { chosen };
}

export interface Nominations {
  flag: SeatFill & { seats: number };
  certificate: SeatFill & { seats: number };
}

/** Whether a ranked unit can be proposed for an award at all. */
export function isNominable(row: RankedUnit): boolean {
  return row.eligible && row.classification === 'xuatSac';
}

/**
 * The bloc's proposals before the vote. Units contesting the flag are also certificate nominees, so the
 * ones that do not win the flag can still receive a certificate in their rank order.
 */
export function nominate(rows: readonly RankedUnit[], rules: BlocRules): Nominations {
  const pool = rows.filter(isNominable);
  const flag = fillSeats(pool, rules.flagQuota, rules.preferWomenLedOnTie);
  const afterFlag = pool.filter((r) => !flag.chosen.includes(r.unitId));
  const flagLosers = flag.contested ? flag.contested.candidates.length - flag.contested.seats : 0;
  const seats = certificateQuotaFor(rules, rows.length);
  // Every unit equal at the certificate's edge is on the ballot: the preference orders them after the vote.
  const certificate = fillSeats(afterFlag, seats + flagLosers, rules.preferWomenLedOnTie, true);
  return { flag: { ...flag, seats: rules.flagQuota }, certificate: { ...certificate, seats } };
}

/** Every unit on the ballot for a kind of award, in rank order. */
export function candidatesOf(fill: SeatFill): string[] {
  return [...fill.chosen, ...(fill.contested?.candidates ?? [])];
}
