// Money is a decimal string; compare in integer minor units, never floats.
export function toMinorUnits(amount: string | number | null | undefined): number {
  if (amount === null || amount === undefined || amount === '') return 0;
  const s = String(amount).trim();
  const m = /^(-)?(\d*)(?:\.(\d+))?$/.exec(s);
  if (!m) return Math.round(Number(s) * 100) || 0;
  const cents = Number(m[2] || '0') * 100 + Number(((m[3] ?? '') + '00').slice(0, 2));
  return m[1] ? -cents : cents;
}
