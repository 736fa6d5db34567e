import { addDays, dayKey, dayKeyOf, monthNumber, weekdayNumber } from './calendar';
import type { Scanner } from './scanner';

// Dates and time frames as people write them in support email. Each mention becomes a claim the
// grounding check can test against the context's days: a full date is one day, "November 26" is a
// month and day in any year, "11/05" is either reading, "tomorrow" is resolved against `now`.

export type DateClaim =
  | { kind: 'days'; days: string[]; weekday: number | null } // any of these days (ambiguous forms list several)
  | { kind: 'month_day'; options: { month: number; day: number }[]; weekday: number | null } // no year written
  | { kind: 'weekday'; weekday: number; from: string; to: string } // "on Friday": that weekday inside [from, to]
  | { kind: 'range'; from: string; to: string } // "next week"
  | { kind: 'time_frame'; frames: string[] }; // "3-5 business days": every end must be backed

export interface DateMention {
  start: number;
  end: number;
  text: string;
  claim: DateClaim;
}

const MONTH =
  '(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)';
const WEEKDAY = '(monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues|tue|wed|thurs|thur|thu|fri|sat|sun)';
const ORD = '(?:st|nd|rd|th)?';
const YEAR = '(?:,?\\s+(\\d{4})(?![\\d]))?';

const ISO = /(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?(?![\d])/g;
const MONTH_FIRST = new RegExp(`(?:\\b${WEEKDAY}\\.?,?\\s+)?\\b${MONTH}\\.?\\s+(\\d{1,2})${ORD}(?![\\d:])${YEAR}`, 'gi');
const DAY_FIRST = new RegExp(
  `(?:\\b${WEEKDAY}\\.?,?\\s+)?(?:the\\s+)?(?<![\\d.,$€£])\\b(\\d{1,2})${ORD}\\s+(?:of\\s+)?${MONTH}\\b\\.?${YEAR}`,
  'gi',
);
const SLASHED = /(?<![\d/.])(\d{1,2})\/(\d{1,2})(?:\/(\d{4}|\d{2}))?(?![\d/%])/g;
const DOTTED = /(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d.])/g;
const RELATIVE = /\b(today|tonight|tomorrow|yesterday|this (?:morning|afternoon|evening))\b/gi;
const WEEK = /\b(this|next|last) week\b/gi;
const LONE_WEEKDAY = /\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)(s)?\b/gi;
const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
};
const NUM = `(\\d{1,3}|${Object.keys(NUMBER_WORDS).join('|')})`;
const TIME_FRAME = new RegExp(
  `\\b${NUM}(?:\\s*(?:-|–|to|or)\\s*${NUM})?(?:\\s+|-)(business\\s+|working\\s+)?(hour|hr|day|week|month)s?\\b`,
  'gi',
);

const num = (s: string) => NUMBER_WORDS[s.toLowerCase()] ?? Number(s);

/** "5 day", "3 business_day": the unit names the grounding check compares. */
export function frameKey(n: number, unit: string): string {
  return `${n} ${unit}`;
}

function unitOf(raw: string, business: string | undefined): string {
  const u = raw.toLowerCase() === 'hr' ? 'hour' : raw.toLowerCase();
  return business && u === 'day' ? 'business_day' : u;
}

export function findDates(scanner: Scanner, now: Date): DateMention[] {
  const out: DateMention[] = [];
  const text = scanner.text;
  const push = (start: number, end: number, claim: DateClaim) => {
    out.push({ start, end, text: text.slice(start, end), claim });
    return { start, end };
  };
  const today = dayKey(now);

  scanner.each(ISO, (m) => {
    let key: string | null;
    if (m[4] !== undefined) {
      const at = new Date(m[0].replace(' ', 'T'));
      key = Number.isNaN(at.getTime()) ? null : dayKey(at);
    } else key = dayKeyOf(Number(m[1]), Number(m[2]), Number(m[3]));
    return key ? push(m.index, m.index + m[0].length, { kind: 'days', days: [key], weekday: null }) : null;
  });

  const named = (m: RegExpExecArray, weekdayRaw: string | undefined, monthRaw: string, dayRaw: string, yearRaw: string | undefined) => {
    // "may" is far more often the verb than the month; only a capitalised "May" counts.
    if (monthRaw === 'may') return null;
    const month = monthNumber(monthRaw);
    const day = Number(dayRaw);
    if (!month || day < 1 || day > 31) return null;
    const weekday = weekdayRaw ? weekdayNumber(weekdayRaw) : null;
    const end = m.index + m[0].length;
    if (yearRaw) {
      const key = dayKeyOf(Number(yearRaw), month, day);
      return key ? push(m.index, end, { kind: 'days', days: [key], weekday }) : null;
    }
    return push(m.index, end, { kind: 'month_day', options: [{ month, day }], weekday });
  };
  scanner.each(MONTH_FIRST, (m) => named(m, m[1], m[2], m[3], m[4]));
  scanner.each(DAY_FIRST, (m) => named(m, m[1], m[3], m[2], m[4]));

  scanner.each(DOTTED, (m) => {
    const key = dayKeyOf(Number(m[3]), Number(m[2]), Number(m[1]));
    return key ? push(m.index, m.index + m[0].length, { kind: 'days', days: [key], weekday: null }) : null;
  });

  scanner.each(SLASHED, (m) => {
    if (m[0] === '24/7') return null; // "we're here 24/7" is not July 24th
    const a = Number(m[1]);
    const b = Number(m[2]);
    // US month/day first, day/month second: either reading grounds an ambiguous "05/06".
    const readings = [
      { month: a, day: b },
      { month: b, day: a },
    ].filter(
      (r, i, all) =>
        r.month >= 1 && r.month <= 12 && r.day >= 1 && r.day <= 31 && all.findIndex((o) => o.month === r.month && o.day === r.day) === i,
    );
    if (readings.length === 0) return null;
    const end = m.index + m[0].length;
    if (m[3]) {
      const year = m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
      const days = readings.map((r) => dayKeyOf(year, r.month, r.day)).filter((k): k is string => k !== null);
      return days.length ? push(m.index, end, { kind: 'days', days, weekday: null }) : null;
    }
    return push(m.index, end, { kind: 'month_day', options: readings, weekday: null });
  });

  scanner.each(RELATIVE, (m) => {
    // "as of today" dates the reply, it claims nothing about the order.
    if (/\bas of\s*$/i.test(text.slice(0, m.index))) return { start: m.index, end: m.index + m[0].length };
    const word = m[1].toLowerCase();
    const offset = word === 'tomorrow' ? 1 : word === 'yesterday' ? -1 : 0;
    return push(m.index, m.index + m[0].length, { kind: 'days', days: [addDays(today, offset)], weekday: null });
  });

  scanner.each(WEEK, (m) => {
    const monday = addDays(today, -((now.getUTCDay() + 6) % 7));
    const shift = { this: 0, next: 7, last: -7 }[m[1].toLowerCase() as 'this' | 'next' | 'last'];
    return push(m.index, m.index + m[0].length, { kind: 'range', from: addDays(monday, shift), to: addDays(monday, shift + 6) });
  });

  scanner.each(LONE_WEEKDAY, (m) => {
    if (m[2]) return null; // "on Mondays" is a habit, not a date
    const weekday = weekdayNumber(m[1])!;
    // A bare weekday points at the past or the coming days; "next Friday" can be up to 13 days out.
    return push(m.index, m.index + m[0].length, { kind: 'weekday', weekday, from: addDays(today, -7), to: addDays(today, 13) });
  });

  scanner.each(TIME_FRAME, (m) => {
    const unit = unitOf(m[4], m[3]);
    const frames = [frameKey(num(m[1]), unit)];
    if (m[2]) frames.push(frameKey(num(m[2]), unit));
    return push(m.index, m.index + m[0].length, { kind: 'time_frame', frames });
  });

  return out;
}
