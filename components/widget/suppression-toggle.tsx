'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { widgetFetch, type WidgetJson } from './api';
import { Badge, Card } from './badges';

type Mode = 'suppress' | 'release' | 'clear';

export function SuppressionToggle({ data, ticketId, token }: { data: WidgetJson; ticketId: string; token: string }) {
  const qc = useQueryClient();
  const key = ['widget', ticketId];
  const [reason, setReason] = useState('');
  const [expiry, setExpiry] = useState('');
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const s = data.suppression;
  const mutation = useMutation({
    mutationFn: (mode: Mode) =>
      widgetFetch<{ msg: string; suppressed: boolean }>('/api/gorgias/suppression', token, {
        method: 'POST',
        body: { ticket_id: ticketId, mode, reason, ...(expiry ? { expires_at: new Date(expiry).toISOString() } : {}) },
      }),
    // Optimistic: flip the badge now, roll back with a clear message if the server says no.
    onMutate: async (mode) => {
      await qc.cancelQueries({ queryKey: key });
      const previous = qc.getQueryData<WidgetJson>(key);
      if (previous && mode !== 'clear') {
        qc.setQueryData<WidgetJson>(key, { ...previous, suppression: { ...previous.suppression, suppressed: mode === 'suppress' } });
      }
      return { previous };
    },
    onError: (err, _mode, ctx) => {
      if (ctx?.previous) qc.setQueryData(key, ctx.previous);
      setMessage({ tone: 'error', text: `Not changed: ${(err as Error).message}` });
    },
    onSuccess: (res) => {
      setMessage({ tone: 'ok', text: res.msg });
      setReason('');
    },
    onSettled: () => qc.invalidateQueries({ queryKey: key }),
  });
  return (
    <Card
      title="Klaviyo suppression"
      id="suppression-title"
      right={<Badge tone={s.suppressed ? 'amber' : 'green'}>{s.suppressed ? 'suppressed' : 'receiving promos'}</Badge>}
    >
      <p className="text-xs text-slate-600" data-testid="suppression-because">
        {s.because.length ? s.because.join(' · ') : 'No open issue: promos and review requests go out as usual.'}
      </p>
      <div className="mt-3 grid gap-2">
        <label className="text-xs font-medium text-slate-700">
          Reason
          <input
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm"
            placeholder="e.g. waiting on a replacement"
          />
        </label>
        <label className="text-xs font-medium text-slate-700">
          Until (optional)
          <input
            type="datetime-local"
            value={expiry}
            onChange={(e) => setExpiry(e.target.value)}
            className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm"
          />
        </label>
        <div className="flex flex-wrap gap-2">
          <button
            type="button"
            disabled={mutation.isPending}
            onClick={() => mutation.mutate('suppress')}
            className="rounded-md bg-amber-800 px-3 py-1.5 text-xs font-semibold text-white hover:bg-amber-900 disabled:opacity-50"
          >
            Suppress
          </button>
          <button
            type="button"
            disabled={mutation.isPending}
            onClick={() => mutation.mutate('release')}
            className="rounded-md bg-emerald-700 px-3 py-1.5 text-xs font-semibold text-white hover:bg-emerald-800 disabled:opacity-50"
          >
            Release
          </button>
          {s.override && (
            <button
              type="button"
              disabled={mutation.isPending}
              onClick={() => mutation.mutate('clear')}
              className="rounded-md border border-slate-300 px-3 py-1.5 text-xs font-semibold hover:bg-slate-50 disabled:opacity-50"
            >
              Clear override
            </button>
          )}
        </div>
      </div>
      {message && (
        <p role="status" className={`mt-2 text-xs ${message.tone === 'ok' ? 'text-emerald-700' : 'text-rose-700'}`}>
          {message.text}
        </p>
      )}
    </Card>
  );
}
