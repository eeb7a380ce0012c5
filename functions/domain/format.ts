/**
 * The one formatter of numbers, points and dates that a reader sees, in pages, emails and documents alike:
 * Vietnamese by default ("1.004,5", "99,25/100", "10/12/2026", "14:05 10/12/2026", a sitting's "08 giờ 30 phút
 * ngày 28/11/2026"), English on request.
 * Nothing else formats a number or a date for people, so a page and the email about it never disagree.
 */
import { fromHundredths, type Hundredths } from './points.js';
import { VIETNAM_UTC_OFFSET_MS } from './timeline.js';

/** The language a text is written in. */
export type FormatLang = 'vi' | 'en';

// Built once: an Intl.NumberFormat is costly to create, and every page formats hundreds of numbers.
const NUMBER_FORMATS: Record<FormatLang, Intl.NumberFormat> = {
  vi: new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 0, maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat('en-GB', { minimumFractionDigits: 0, maximumFractionDigits: 2 }),
};
// In a form field a thousands separator would read back as a decimal mark ("1.000" is 1): none there.
const INPUT_FORMATS: Record<FormatLang, Intl.NumberFormat> = {
  vi: new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 0, maximumFractionDigits: 2, useGrouping: false }),
  en: new Intl.NumberFormat('en-GB', { minimumFractionDigits: 0, maximumFractionDigits: 2, useGrouping: false }),
};

/** A decimal number as a reader writes it: "1.004,5" (vi), "1,004.5" (en); at most two decimals. */
export function formatNumber(value: number, lang: FormatLang = 'vi'): string {
  return NUMBER_FORMATS[lang].format(value);
}

/** A number to put back in a form field, as the reader types it: "1000,5" (vi), "1000.5" (en). */
export function formatInputNumber(value: number, lang: FormatLang = 'vi'): string {
  return INPUT_FORMATS[lang].format(value);
}

/** Points kept as hundredths, formatted: 100450 → "1.004,5". */
export function formatPoints(value: Hundredths, lang: FormatLang = 'vi'): string {
  return formatNumber(fromHundredths(value), lang);
}

/** A score out of its maximum, both in decimal points: "99,25/100". */
export function formatScore(points: number, maxPoints: number, lang: FormatLang = 'vi'): string {
  return `${formatNumber(points, lang)}/${formatNumber(maxPoints, lang)}`;
}

/** A moment given as an ISO string, epoch milliseconds or a Date, as epoch milliseconds. */
function epochOf(at: string | number | Date): number {
  return typeof at === 'number' ? at : typeof at === 'string' ? Date.parse(at) : at.getTime();
}

/** The Vietnam wall clock of a moment, as the ISO text of a UTC instant shifted by UTC+7. */
function vietnamClock(at: string | number | Date): string {
  return new Date(epochOf(at) + VIETNAM_UTC_OFFSET_MS).toISOString();
}

/** A moment as a time control (`datetime-local`) holds it, in Vietnam time: "2026-12-01T00:00". */
export function vietnamDateTimeInput(at: string | number | Date): string {
  return vietnamClock(at).slice(0, 16);
}

/** A moment's date in Vietnam time, dd/mm/yyyy, as every page, email and document shows dates. */
export function formatVietnamDate(at: string | number | Date): string {
  const [yyyy, mm, dd] = vietnamClock(at).slice(0, 10).split('-');
  return `${dd}/${mm}/${yyyy}`;
}

/** A calendar date (YYYY-MM-DD, as forms and timelines keep it) as dd/mm/yyyy. */
export function formatLocalDate(date: string): string {
  const [yyyy, mm, dd] = date.split('-');
  return `${dd}/${mm}/${yyyy}`;
}

/** A moment's time of day in Vietnam time: "14:05". */
export function formatVietnamTime(at: string | number | Date): string {
  return vietnamClock(at).slice(11, 16);
}

/**
 * When a sitting (a conference) is held, in the administrative style of minutes and invitations:
 * "08 giờ 30 phút ngày 28/11/2026" (vi), "08:30 on 28/11/2026" (en), Vietnam time.
 */
export function formatSittingTime(at: string | number | Date, lang: FormatLang = 'vi'): string {
  const [hh, mm] = formatVietnamTime(at).split(':');
  return lang === 'vi' ? `${hh} giờ ${mm} phút ngày ${formatVietnamDate(at)}` : `${hh}:${mm} on ${formatVietnamDate(at)}`;
}

/** A moment in Vietnam time, time first as officers write it: "14:05 10/12/2026". */
export function formatVietnamDateTime(at: string | number | Date): string {
  return `${formatVietnamTime(at)} ${formatVietnamDate(at)}`;
}
