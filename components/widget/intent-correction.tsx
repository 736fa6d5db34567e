'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { INTENTS, type Intent } from '@/lib/domain/types';
import { widgetFetch } from './api';

/** "Wrong intent?": one choice and one click; the correction is kept for the classifier's training sets. */
export function IntentCorrection({ ticketId, token, current }: { ticketId: string; token: string; current: Intent | null }) {
  const qc = useQueryClient();
  const [choice, setChoice] = useState<Intent | ''>('');
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    if (!choice) return;
    setBusy(true);
    try {
      const res = await widgetFetch<{ msg: string }>(`/api/widget/${ticketId}/intent`, token, { method: 'POST', body: { intent: choice } });
      setStatus({ ok: true, text: res.msg });
      setChoice('');
      await qc.invalidateQueries({ queryKey: ['widget', ticketId] });
    } catch (err) {
      setStatus({ ok: false, text: (err as Error).message });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="mt-2 flex flex-wrap items-center gap-2 text-xs">
      <label htmlFor="intent-correction" className="text-slate-700">
        Wrong intent?
      </label>
      <select
        id="intent-correction"
        value={choice}
        onChange={(e) => setChoice(e.target.value as Intent | '')}
        className="rounded-md border border-slate-300 px-1.5 py-1"
      >
        <option value="">choose…</option>
        {INTENTS.filter((i) => i !== current).map((i) => (
          <option key={i} value={i}>
            {i.replace(/_/g, ' ')}
          </option>
        ))}
      </select>
      <button
        type="button"
        disabled={!choice || busy}
        onClick={() => void save()}
        className="rounded-md border border-slate-300 bg-white px-2 py-1 font-medium disabled:opacity-50"
      >
        Correct
      </button>
      <span aria-live="polite" className={status?.ok === false ? 'text-rose-800' : 'text-emerald-800'}>
        {status?.text ?? ''}
      </span>
    </div>
  );
}
