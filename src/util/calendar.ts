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
