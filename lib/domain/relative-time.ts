// Ages an agent reads at a glance ("3 min ago", "in 2 days"). Whole units, rounded down, so a
// scan 6.9 days old reads "6 days ago", matching the shipment-health reasons ("no scan for 6 days").

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function unit(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** The span alone: "45 seconds" is "less than a minute", then min, hours, days, months, years. */
function formatSpan(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < MINUTE) return 'less than a minute';
  if (abs < HOUR) return `${Math.floor(abs / MINUTE)} min`;
  if (abs < DAY) return unit(Math.floor(abs / HOUR), 'hour');
  if (abs < 45 * DAY) return unit(Math.floor(abs / DAY), 'day');
  if (abs < 365 * DAY) return unit(Math.floor(abs / (30 * DAY)), 'month');
  return unit(Math.floor(abs / (365 * DAY)), 'year');
}

/** "just now", "3 min ago", "2 days ago", "in 4 days". */
export function relativeTime(at: Date, now: Date): string {
  const diff = now.getTime() - at.getTime();
  if (Math.abs(diff) < MINUTE) return 'just now';
  return diff > 0 ? `${formatSpan(diff)} ago` : `in ${formatSpan(diff)}`;
}
