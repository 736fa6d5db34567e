'use client';

import { useState } from 'react';

/** "Teach this": keeps the agent's edit as an example for the intent (and undoes it). */
export function TeachButton({ draftId, csrf, initiallyTaught }: { draftId: number; csrf: string; initiallyTaught: boolean }) {
  const [taught, setTaught] = useState(initiallyTaught);
  const [pending, setPending] = useState(false);
  const [status, setStatus] = useState<{ ok: boolean; msg: string } | null>(null);
  const send = async (method: 'POST' | 'DELETE') => {
    setPending(true);
    setStatus(null);
    try {
      const res = await fetch(`/api/admin/review/${draftId}/teach`, { method, headers: { 'x-csrf-token': csrf } });
      const json = await res.json().catch(() => null);
      if (res.ok) setTaught(Boolean(json?.taught));
      setStatus({ ok: res.ok, msg: res.ok ? json.msg : (json?.error?.message ?? `Failed with HTTP ${res.status}. Try again.`) });
    } catch {
      setStatus({ ok: false, msg: 'Could not reach Concord. Check your connection and try again.' });
    } finally {
      setPending(false);
    }
  };
  return (
    <div className="flex flex-wrap items-center gap-3">
      {taught ? (
        <>
          <span className="rounded-md bg-sky-100 px-3 py-1.5 text-sm font-semibold text-sky-900">Taught ✓</span>
          <button
            type="button"
            disabled={pending}
            onClick={() => send('DELETE')}
            className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50 disabled:opacity-50"
          >
            {pending ? 'Removing…' : 'Undo'}
          </button>
        </>
      ) : (
        <button
          type="button"
          disabled={pending}
          onClick={() => send('POST')}
          className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-50"
        >
          {pending ? 'Saving…' : 'Teach this'}
        </button>
      )}
      <span role="status" aria-live="polite" className={`text-sm ${status?.ok ? 'text-emerald-700' : 'text-rose-700'}`}>
        {status?.msg}
      </span>
    </div>
  );
}
