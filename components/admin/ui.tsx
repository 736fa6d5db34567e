import Link from 'next/link';

// Small building blocks shared by the lead and admin pages, styled like /admin.

export function Card({
  title,
  id,
  actions,
  children,
  className = '',
}: {
  title?: string;
  id: string;
  actions?: React.ReactNode;
  children: React.ReactNode;
  className?: string;
}) {
  return (
    <section aria-labelledby={title ? id : undefined} className={`rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 ${className}`}>
      {(title || actions) && (
        <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
          {title && (
            <h2 id={id} className="font-semibold">
              {title}
            </h2>
          )}
          {actions}
        </div>
      )}
      {children}
    </section>
  );
}

export function Stat({
  label,
  value,
  hint,
  href,
  tone = 'slate',
}: {
  label: string;
  value: React.ReactNode;
  hint?: React.ReactNode;
  href?: string;
  tone?: 'slate' | 'amber' | 'rose' | 'green' | 'muted';
}) {
  const tones = {
    slate: 'text-slate-900',
    amber: 'text-amber-700',
    rose: 'text-rose-700',
    green: 'text-emerald-700',
    muted: 'text-slate-500',
  };
  const body = (
    <>
      <p className="text-xs text-slate-500">{label}</p>
      <p className={`text-2xl font-semibold ${tones[tone]}`}>{value}</p>
      {hint && <p className="mt-0.5 text-xs text-slate-500">{hint}</p>}
    </>
  );
  const cls = 'block rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200';
  return href ? (
    <Link href={href} className={`${cls} hover:ring-brand-500`}>
      {body}
    </Link>
  ) : (
    <div className={cls}>{body}</div>
  );
}

/** A percentage with a bar; null shows a dash (nothing to divide). */
export function RateBar({ value, label }: { value: number | null; label?: string }) {
  if (value === null) return <span className="text-slate-500">—</span>;
  const pct = Math.round(value * 1000) / 10;
  const tone = value >= 0.8 ? 'bg-emerald-500' : value >= 0.5 ? 'bg-amber-500' : 'bg-rose-500';
  return (
    <span className="flex items-center gap-2">
      <span className="h-2 w-24 overflow-hidden rounded-full bg-slate-100" aria-hidden>
        <span className={`block h-full ${tone}`} style={{ width: `${Math.min(100, pct)}%` }} />
      </span>
      <span className="tabular-nums">{pct}%</span>
      {label && <span className="sr-only">{label}</span>}
    </span>
  );
}

export function Badge({
  children,
  tone = 'slate',
}: {
  children: React.ReactNode;
  tone?: 'slate' | 'green' | 'amber' | 'rose' | 'violet' | 'sky';
}) {
  const tones = {
    slate: 'bg-slate-100 text-slate-700',
    green: 'bg-emerald-100 text-emerald-800',
    amber: 'bg-amber-100 text-amber-900',
    rose: 'bg-rose-100 text-rose-800',
    violet: 'bg-violet-100 text-violet-800',
    sky: 'bg-sky-100 text-sky-900',
  };
  return <span className={`inline-block rounded px-1.5 py-0.5 text-[11px] font-medium ${tones[tone]}`}>{children}</span>;
}

export function Pager({ prev, next, label }: { prev: string | null; next: string | null; label: string }) {
  const cls = 'rounded-md border border-slate-300 px-3 py-1.5 text-sm';
  return (
    <nav aria-label="Pages" className="flex items-center justify-between gap-3 pt-3 text-sm">
      {prev ? (
        <Link className={`${cls} hover:bg-slate-50`} href={prev} rel="prev">
          ← Previous
        </Link>
      ) : (
        <span className={`${cls} text-slate-300`} aria-disabled>
          ← Previous
        </span>
      )}
      <span className="text-slate-500">{label}</span>
      {next ? (
        <Link className={`${cls} hover:bg-slate-50`} href={next} rel="next">
          Next →
        </Link>
      ) : (
        <span className={`${cls} text-slate-300`} aria-disabled>
          Next →
        </span>
      )}
    </nav>
  );
}

/** Store switcher for pages that are per store; hidden when there is only one. */
export function ShopSwitcher({
  shops,
  current,
  hrefFor,
  allLabel,
}: {
  shops: { id: string; name: string }[];
  current: string | null;
  hrefFor: (shop: string | undefined) => string;
  allLabel?: string;
}) {
  if (shops.length < 2) return null;
  const item = (id: string | undefined, name: string) => {
    const active = (id ?? null) === current;
    return (
      <Link
        key={id ?? 'all'}
        href={hrefFor(id)}
        aria-current={active ? 'page' : undefined}
        className={
          active ? 'rounded-md bg-slate-900 px-2 py-1 font-semibold text-white' : 'rounded-md px-2 py-1 text-brand-700 hover:bg-brand-50'
        }
      >
        {name}
      </Link>
    );
  };
  return (
    <nav aria-label="Stores" className="flex flex-wrap items-center gap-1 text-sm">
      <span className="mr-1 text-slate-500">Store:</span>
      {allLabel && item(undefined, allLabel)}
      {shops.map((s) => item(s.id, s.name))}
    </nav>
  );
}

// Dates are written by lib/domain/format.ts, the one format every page uses (issue 20.9).
export { formatDateTime as fmtDateTime, formatDate as fmtDate } from '@/lib/domain/format';
export const pct = (r: number | null | undefined) => (r === null || r === undefined ? '—' : `${Math.round(r * 1000) / 10}%`);
