'use client';

import { useState } from 'react';

export interface FormField {
  name: string;
  label: string;
  type?: 'text' | 'password' | 'email' | 'select';
  placeholder?: string;
  defaultValue?: string;
  options?: { value: string; label: string }[];
}

/** A small form that sends its fields as JSON with the CSRF header and shows the answer's message. */
export function JsonActionForm({
  path,
  method = 'POST',
  csrf,
  label,
  fields = [],
  confirm,
  reload = true,
}: {
  path: string;
  method?: 'POST' | 'PATCH' | 'DELETE';
  csrf: string;
  label: string;
  fields?: FormField[];
  confirm?: string;
  reload?: boolean;
}) {
  const [state, setState] = useState<{ ok: boolean; msg: string } | null>(null);
  const [pending, setPending] = useState(false);
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={async (ev) => {
        ev.preventDefault();
        if (confirm && !window.confirm(confirm)) return;
        const data = Object.fromEntries(new FormData(ev.currentTarget).entries());
        setPending(true);
        const res = await fetch(path, {
          method,
          headers: { 'x-csrf-token': csrf, 'content-type': 'application/json' },
          body: fields.length ? JSON.stringify(data) : undefined,
        });
        const json = await res.json().catch(() => null);
        setPending(false);
        const ok = res.ok && json?.ok !== false;
        setState({ ok, msg: json?.msg ?? json?.error?.message ?? `HTTP ${res.status}` });
        if (ok && reload) setTimeout(() => window.location.reload(), 800);
      }}
    >
      {fields.map((f) => (
        <label key={f.name} className="flex flex-col text-xs font-medium text-slate-600">
          {f.label}
          {f.type === 'select' ? (
            <select name={f.name} defaultValue={f.defaultValue ?? ''} className="mt-0.5 rounded border border-slate-300 px-2 py-1 text-sm">
              {f.options?.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          ) : (
            <input
              name={f.name}
              type={f.type ?? 'text'}
              placeholder={f.placeholder}
              defaultValue={f.defaultValue}
              autoComplete="off"
              className="mt-0.5 rounded border border-slate-300 px-2 py-1 text-sm"
            />
          )}
        </label>
      ))}
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-50"
      >
        {pending ? 'Working…' : label}
      </button>
      {state && (
        <span role="status" className={`text-sm ${state.ok ? 'text-emerald-700' : 'text-rose-700'}`}>
          {state.msg}
        </span>
      )}
    </form>
  );
}
