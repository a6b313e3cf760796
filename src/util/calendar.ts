/**
 * Days of the calendar, for every reader and transform that takes an ISO date (FHIR, Synthea, OMOP,
 * the date shifts of pseudonymization): "2024-02-30" is no day, where Date.parse would roll it over to March.
 */

/** Whether day d of month m of year y is a day of the proleptic Gregorian calendar: month 1-12, and a day its month has (29 February in leap years). */
export function isCalendarDay(y: number, m: number, d: number): boolean {
  if (!(m >= 1 && m <= 12 && d >= 1)) return false;
  const days = m === 2 ? ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  return d <= days;
}

/** Whether YYYY-MM-DD (the first 10 characters of v) is a day of the calendar. */
export function calendarDay(v: string): boolean {
  return isCalendarDay(+v.slice(0, 4), +v.slice(5, 7), +v.slice(8, 10));
}

/** Whether v is exactly YYYY-MM-DD and a day of the calendar. */
export function isIsoDay(v: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(v) && calendarDay(v);
}

/**
 * A date's time part without its zone, whose offset or name belongs to the true date (summer or winter time) and, kept beside
 * a shifted date, tells the season or the shift: "+02:00", "+0200", "-05", "[Europe/Paris]" (Java), "+01:00[Europe/Paris]",
 * "GMT+02:00", "CEST", "EDT". "Z", "UTC" and "GMT" alone stay: they tell no season. The part is returned as it is unless it
 * starts with a time ("T09:00", " 09:00", " à 09h00", " at 9:00 AM").
 */
export function withoutZone(rest: string): string {
  if (!/^(?:[T ]|, | à | at )(?:\d{1,2}[:h]\d{2}|\d{1,2} ?[AaPp]\.?[Mm])/.test(rest)) return rest;
  return rest.replace(ZONE_AT_END, '$1');
}
const ZONE_AT_END = /^(.*?(?:\d|[AaPp]\.?[Mm]\.?))(?:\s?|, | \()(?:[+-]\d{2}(?::?\d{2})?(?:\[[^\]]*\])?|Z?\[[^\]]*\]|(?:UTC|GMT)\s?[+-]\d{1,2}(?::?\d{2})?|(?:CES?T|EES?T|WES?T|BST|IST|MSK|[ECMP][SD]T|AK[SD]T|HST|AE[SD]T|AC[SD]T|AW[SD]T|NZ[SD]T))\)?$/;
