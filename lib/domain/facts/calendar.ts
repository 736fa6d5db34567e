// Calendar days in UTC, as "YYYY-MM-DD" keys: the grounding check compares dates by day, so a
// delivery estimate of 2026-11-26T22:00Z and "November 26" are the same fact.

const DAY_MS = 86_400_000;

const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
export const WEEKDAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

export function dayKey(at: Date): string {
  return at.toISOString().slice(0, 10);
}

export function dayKeyOf(year: number, month: number, day: number): string | null {
  const at = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls Feb 30 into March: such a date does not exist, so it is no date at all.
  if (at.getUTCFullYear() !== year || at.getUTCMonth() !== month - 1 || at.getUTCDate() !== day) return null;
  return dayKey(at);
}

export function addDays(key: string, days: number): string {
  return dayKey(new Date(Date.parse(`${key}T00:00:00Z`) + days * DAY_MS));
}

export function weekdayOf(key: string): number {
  return new Date(`${key}T00:00:00Z`).getUTCDay();
}

export function monthDayOf(key: string): { month: number; day: number } {
  return { month: Number(key.slice(5, 7)), day: Number(key.slice(8, 10)) };
}

/** "jan", "Sept", "november" -> 1..12, or null. */
export function monthNumber(name: string): number | null {
  const n = name.toLowerCase().replace(/\.$/, '');
  if (n === 'sept') return 9;
  const i = MONTH_NAMES.findIndex((m) => m === n || m.slice(0, 3) === n);
  return i < 0 ? null : i + 1;
}

/** "thu", "Thurs", "friday" -> 0..6 (Sunday = 0), or null. */
export function weekdayNumber(name: string): number | null {
  const n = name.toLowerCase().replace(/\.$/, '');
  const i = WEEKDAY_NAMES.findIndex((w) => w === n || (n.length >= 3 && w.startsWith(n)));
  return i < 0 ? null : i;
}

export function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

export const DAY = DAY_MS;
