/**
 * Per-person date shifting: every date of one person moves by the same keyed offset, so intervals
 * between that person's events are preserved while calendar dates are hidden. The offset is a
 * deterministic function of (key, domain, person id): a whole number of weeks in [-maxDays, maxDays]
 * without 0 (days when maxDays < 7), uniform (rejection sampling over HMAC output, no modulo bias).
 */
import type { PseudonymKey } from './key.ts';
import { keyedInt } from './tokens.ts';
import { isIsoDay, withoutZone } from '../util/calendar.ts';

export const DEFAULT_SHIFT_DAYS = 365;
const DAY = 86_400_000;

/**
 * A person's offset in whole weeks when the range holds one (maxDays >= 7): a weekday written beside a date — in a note
 * redacted with the same offset, "revu le lundi 18 février" — stays true of the shifted date instead of telling the
 * offset modulo 7, and no offset is a whole year (±365 left every date's day and month as they were).
 */
export function personDateOffset(key: PseudonymKey, personId: string, maxDays = DEFAULT_SHIFT_DAYS, domain = ''): number {
  if (!Number.isInteger(maxDays) || maxDays < 1) throw new RangeError('maxDays must be a positive integer');
  const unit = maxDays >= 7 ? 7 : 1, steps = Math.floor(maxDays / unit);
  const r = keyedInt(key, `anonymat/date-shift\0${domain}\0${personId}`, 2 * steps);
  return unit * (r < steps ? r - steps : r - steps + 1);
}

export function daysToIso(days: number): string {
  return new Date(days * DAY).toISOString().slice(0, 10);
}

export function isoToDays(label: string): number {
  const day = label.slice(0, 10);
  // (a day the calendar does not have, "2024-02-30", is none: Date.parse would roll it over to March)
  if (!isIsoDay(day)) return NaN;
  return Math.floor(Date.parse(day + 'T00:00:00Z') / DAY);
}

/**
 * Shifts an ISO date or date-time label by whole days, keeping the time part and the layout;
 * null when the label is not an ISO date. A date-time's zone offset is left out
 * ("2021-03-28T09:00:00+02:00" → "2021-07-01T09:00:00"): the offset belongs to the true date, summer
 * or winter time, and kept beside the shifted date it tells the season, or, where a person's dates
 * cross a change of offset, the shift itself. Written in UTC instead, the same leak would stay in
 * the hours (a 9 o'clock round becoming 08:00Z, then 07:00Z the day the clocks changed): the local
 * time is kept, whose days and clock times are the true ones (an interval across a change of
 * offset then reads an hour off the elapsed time). "Z" stays: UTC has no seasons.
 */
export function shiftIsoDate(label: string, days: number): string | null {
  // (ISO without its zeros too, "2017-9-1", as Safe Harbor reads it: shifted and written in its own layout, "2017-11-3")
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)(.*)$/.exec(label.trim());
  if (!m) return null;
  const [, y, mo, da] = m as unknown as [string, string, string, string];
  const d = isoToDays(`${y}-${mo.padStart(2, '0')}-${da.padStart(2, '0')}`);
  if (Number.isNaN(d)) return null;
  const rest = withoutZone(m[4]!);
  const iso = daysToIso(d + days);
  const unpad = (part: string, written: string): string => (written.length === 1 ? String(Number(part)) : part);
  return `${iso.slice(0, 4)}-${unpad(iso.slice(5, 7), mo)}-${unpad(iso.slice(8, 10), da)}${rest}`;
}

/**
 * Why a label is no date shiftIsoDate can shift, and what to do — never the label itself: a partial date (a month, a year), a
 * date written day or month first, a day the calendar does not have, or no date.
 */
export function whyNotShiftable(label: string): string {
  const t = label.trim();
  if (/^\d{4}(?:-\d{1,2})?$/.test(t) || /^\d{1,2}[/.]\d{4}$/.test(t)) {
    return 'a partial date (a year, or a month and a year) cannot be shifted by days: complete it with its day (YYYY-MM-DD) if it is known, mark it missing, or release its year with action: generalize instead of shift-dates';
  }
  if (/^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b/.test(t)) {
    return 'a date written day or month first: declare the column type: date with input.dateOrder dmy (or mdy) in the policy, which reads it as a date to shift, or write it YYYY-MM-DD';
  }
  if (/^\d{4}-\d{1,2}-\d{1,2}(?!\d)/.test(t)) return 'not a day of the calendar (a 30 February, a 13th month): correct it or mark it missing';
  return 'not an ISO date (YYYY-MM-DD, optionally with a time: 2020-03-14T09:30): correct it, mark it missing, or choose another action for the column';
}
