'use client';

import { useState } from 'react';

type Verdict = 'correct' | 'wrong';

/** Mark one QA item correct or wrong, with an optional note. Saving again replaces the mark. */
export function QaMark(props: {
  csrf: string;
  shop: string;
  week: string;
  kind: 'wismo_automation' | 'routing_false_positive' | 'suppression';
  item: string;
  initial: { verdict: Verdict; note: string | null; reviewer: string } | null;
}) {
  const [verdict, setVerdict] = useState<Verdict | null>(props.initial?.verdict ?? null);
  const [note, setNote] = useState(props.initial?.note ?? '');
  const [saved, setSaved] = useState<{ verdict: Verdict | null; note: string }>({
    verdict: props.initial?.verdict ?? null,
    note: props.initial?.note ?? '',
  });
  const [pending, setPending] = useState(false);
  const [status, setStatus] = useState<{ ok: boolean; msg: string } | null>(
    props.initial ? { ok: true, msg: `Marked by ${props.initial.reviewer}` } : null,
  );
  const dirty = verdict !== saved.verdict || note.trim() !== saved.note.trim();
  const idBase = `qa-${props.kind}-${props.item}`.replace(/[^a-zA-Z0-9-]/g, '-');

  const save = async (v: Verdict) => {
    setVerdict(v);
    setPending(true);
    setStatus(null);
    try {
      const res = await fetch('/api/admin/qa/reviews', {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'x-csrf-token': props.csrf },
        body: JSON.stringify({
          shop: props.shop,
          week: props.week,
          kind: props.kind,
          item: props.item,
          verdict: v,
          note: note.trim() || null,
        }),
      });
      const json = await res.json().catch(() => null);
      if (res.ok) setSaved({ verdict: v, note });
      setStatus({ ok: res.ok, msg: res.ok ? json.msg : (json?.error?.message ?? `Failed with HTTP ${res.status}. Try again.`) });
    } catch {
      setStatus({ ok: false, msg: 'Could not reach Concord. Check your connection and try again.' });
    } finally {
      setPending(false);
    }
  };

  const btn = (v: Verdict, label: string, on: string) => (
    <button
      type="button"
      disabled={pending}
      aria-pressed={saved.verdict === v}
      onClick={() => save(v)}
      className={`rounded-md border px-2.5 py-1 text-xs font-semibold disabled:opacity-50 ${saved.verdict === v ? on : 'border-slate-300 text-slate-700 hover:bg-slate-50'}`}
    >
      {label}
    </button>
  );

  return (
    <div className="space-y-1.5">
      <div className="flex flex-wrap items-center gap-2" role="group" aria-label="QA verdict">
        {btn('correct', '✓ Correct', 'border-emerald-600 bg-emerald-600 text-white')}
        {btn('wrong', '✗ Wrong', 'border-rose-600 bg-rose-600 text-white')}
        {dirty && saved.verdict && !pending && (
          <button type="button" onClick={() => save(verdict ?? saved.verdict!)} className="text-xs text-brand-700 underline">
            Save note
          </button>
        )}
      </div>
      <label htmlFor={`${idBase}-note`} className="sr-only">
        Note
      </label>
      <textarea
        id={`${idBase}-note`}
        value={note}
        maxLength={2000}
        rows={1}
        placeholder="Note (optional): what was wrong, what to change"
        onChange={(e) => setNote(e.target.value)}
        className="block w-full rounded-md border border-slate-300 px-2 py-1 text-xs"
      />
      <p role="status" aria-live="polite" className={`text-xs ${status?.ok ? 'text-emerald-700' : 'text-rose-700'}`}>
        {status?.msg}
      </p>
    </div>
  );
}
