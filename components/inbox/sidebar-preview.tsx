// Renders an HTTP-integration JSON answer roughly as Gorgias does: objects become cards, arrays of
// objects become lists, `_keys` are hidden, URLs become links.

function humanise(key: string): string {
  const s = key.replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function Leaf({ value }: { value: unknown }) {
  if (value === null || value === undefined || value === '') return <span className="text-slate-500">-</span>;
  if (typeof value === 'boolean')
    return (
      <span className={`rounded px-1.5 text-xs ${value ? 'bg-emerald-100 text-emerald-800' : 'bg-slate-100'}`}>
        {value ? 'True' : 'False'}
      </span>
    );
  if (typeof value === 'string' && /^https?:\/\//.test(value)) {
    return (
      <a href={value} target="_blank" rel="noreferrer" className="text-brand-700 underline">
        {value.length > 60 ? `${value.slice(0, 60)}…` : value}
      </a>
    );
  }
  if (Array.isArray(value)) return <span>{value.join(', ')}</span>;
  return <span>{String(value)}</span>;
}

export function SidebarPreview({ json }: { json: Record<string, unknown> }) {
  const entries = Object.entries(json).filter(([k]) => !k.startsWith('_'));
  const scalars = entries.filter(
    ([, v]) => typeof v !== 'object' || v === null || (Array.isArray(v) && v.every((x) => typeof x !== 'object')),
  );
  const objects = entries.filter(([, v]) => v && typeof v === 'object' && !Array.isArray(v));
  const lists = entries.filter(([, v]) => Array.isArray(v) && v.some((x) => typeof x === 'object'));
  return (
    <div className="mt-2 space-y-2">
      {scalars.length > 0 && (
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs">
          {scalars.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-slate-500">{humanise(k)}</dt>
              <dd>
                <Leaf value={v} />
              </dd>
            </div>
          ))}
        </dl>
      )}
      {objects.map(([k, v]) => (
        <div key={k} className="rounded-lg border border-slate-200 p-2">
          <p className="mb-1 text-xs font-semibold">{humanise(k)}</p>
          <SidebarPreview json={v as Record<string, unknown>} />
        </div>
      ))}
      {lists.map(([k, v]) => (
        <div key={k} className="rounded-lg border border-slate-200 p-2">
          <p className="mb-1 text-xs font-semibold">{humanise(k)}</p>
          {(v as Record<string, unknown>[]).slice(0, 3).map((item, i) => (
            <div key={i} className="border-t border-slate-100 pt-1 first:border-0 first:pt-0">
              <SidebarPreview json={item} />
            </div>
          ))}
        </div>
      ))}
    </div>
  );
}
