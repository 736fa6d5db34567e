import { describe, expect, it } from 'vitest';
import { formatAge, formatDate, formatDateTime, formatMoney } from '@/lib/domain/format';
import { relativeTime } from '@/lib/domain/relative-time';

// One format for money, dates and ages across the widget, the sidebar and the admin pages (20.9).

describe('formatMoney', () => {
  it('writes thousands separators and the currency in the store’s locale', () => {
    expect(formatMoney('1299.5', 'USD')).toBe('$1,299.50');
    expect(formatMoney('1299.50', 'EUR', 'de-DE')).toBe('1.299,50\u00a0€'); // Intl puts a no-break space before the sign
    expect(formatMoney('129', 'GBP', 'en-GB')).toBe('£129.00');
  });
  it('never rounds the amount the store wrote', () => {
    expect(formatMoney('1200', 'JPY')).toBe('¥1,200');
    expect(formatMoney('0.01', 'JPY')).toBe('¥0.01');
    expect(formatMoney('12.345', 'USD')).toBe('$12.345');
  });
  it('survives an unknown currency code and empty input', () => {
    expect(formatMoney('10', 'XYZ1')).toBe('10.00 XYZ1');
    expect(formatMoney(null, 'USD')).toBe('—');
  });
});

describe('dates and ages', () => {
  it('writes one date style, in UTC so server and browser agree', () => {
    expect(formatDate('2026-11-24T23:30:00Z')).toBe('Nov 24, 2026');
    expect(formatDate('2026-11-24T23:30:00Z', 'en-GB')).toBe('24 Nov 2026');
    expect(formatDateTime('2026-11-24T15:05:00Z')).toBe('Nov 24, 2026, 3:05 PM UTC');
    expect(formatDate('not a date')).toBe('—');
  });
  it('has one relative age: the widget and the sidebar say the same of the same scan', () => {
    const now = '2026-11-24T12:00:00Z';
    const scan = '2026-11-16T20:00:00Z'; // 7.7 days before
    expect(formatAge(scan, now)).toBe('7 days ago');
    expect(formatAge(scan, now)).toBe(relativeTime(new Date(scan), new Date(now)));
    expect(formatAge('2026-11-24T11:58:00Z', Date.parse(now))).toBe('2 min ago');
    expect(formatAge(null, now)).toBe('—');
  });
});
