'use client';

import { useState } from 'react';

export function SetupButton({ path, label, csrf }: { path: string; label: string; csrf: string }) {
  const [state, setState] = useState<{ ok: boolean; msg: string } | null>(null);
  const [pending, setPending] = useState(false);
  return (
    <div className="flex flex-wrap items-center gap-2">
      <button
        type="button"
        disabled={pending}
        className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-50"
        onClick={async () => {
          setPending(true);
          const res = await fetch(path, { method: 'POST', headers: { 'x-csrf-token': csrf } });
          const json = await res.json().catch(() => null);
          setPending(false);
          setState({ ok: res.ok && json?.ok !== false, msg: json?.msg ?? json?.error?.message ?? `HTTP ${res.status}` });
        }}
      >
        {pending ? 'Working…' : label}
      </button>
      {state && (
        <span role="status" className={`text-sm ${state.ok ? 'text-emerald-700' : 'text-rose-700'}`}>
          {state.msg}
        </span>
      )}
    </div>
  );
}

export function CopyField({ label, value }: { label: string; value: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div>
      <p className="text-xs font-medium text-slate-600">{label}</p>
      <div className="mt-0.5 flex items-start gap-2">
        <code className="block flex-1 whitespace-pre-wrap break-all rounded bg-slate-100 px-2 py-1 text-xs">{value}</code>
        <button
          type="button"
          className="rounded border border-slate-300 px-2 py-1 text-xs"
          onClick={() => navigator.clipboard?.writeText(value).then(() => setCopied(true))}
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
    </div>
  );
}
