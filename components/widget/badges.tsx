const HEALTH_STYLES: Record<string, string> = {
  delivered: 'bg-emerald-100 text-emerald-800',
  in_transit: 'bg-sky-100 text-sky-800',
  out_for_delivery: 'bg-sky-100 text-sky-800',
  label_created: 'bg-slate-100 text-slate-700',
  unfulfilled: 'bg-slate-100 text-slate-700',
  delayed: 'bg-amber-100 text-amber-900',
  exception: 'bg-rose-100 text-rose-800',
};

export function HealthBadge({ state }: { state: string }) {
  return (
    <span
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ${HEALTH_STYLES[state] ?? 'bg-slate-100 text-slate-700'}`}
    >
      {state.replace(/_/g, ' ')}
    </span>
  );
}

export function Badge({
  tone = 'slate',
  children,
}: {
  tone?: 'slate' | 'green' | 'amber' | 'rose' | 'blue' | 'violet';
  children: React.ReactNode;
}) {
  const tones = {
    slate: 'bg-slate-100 text-slate-700',
    green: 'bg-emerald-100 text-emerald-800',
    amber: 'bg-amber-100 text-amber-900',
    rose: 'bg-rose-100 text-rose-800',
    blue: 'bg-sky-100 text-sky-800',
    violet: 'bg-violet-100 text-violet-800',
  };
  return <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ${tones[tone]}`}>{children}</span>;
}

export function Card({ title, children, right, id }: { title: string; children: React.ReactNode; right?: React.ReactNode; id?: string }) {
  return (
    <section aria-labelledby={id} className="rounded-xl border border-slate-200 bg-white shadow-sm">
      <header className="flex items-center justify-between border-b border-slate-100 px-4 py-2.5">
        <h2 id={id} className="text-sm font-semibold text-slate-800">
          {title}
        </h2>
        {right}
      </header>
      <div className="px-4 py-3 text-sm">{children}</div>
    </section>
  );
}
