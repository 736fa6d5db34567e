'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { widgetFetch, type WidgetJson } from './api';
import { Badge, Card } from './badges';

interface Span {
  start: number;
  end: number;
  text: string;
  kind: string;
  reason: string;
}

export function DraftEditor({ data, ticketId, token }: { data: WidgetJson; ticketId: string; token: string }) {
  const qc = useQueryClient();
  const draft = data.draft;
  const grounding = (draft?.grounding ?? { ok: true, spans: [] }) as { ok: boolean; spans: Span[] };
  const [text, setText] = useState(draft?.text ?? '');
  const [streaming, setStreaming] = useState(false);
  const [status, setStatus] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const loadedDraftId = useRef<number | null>(draft?.id ?? null);

  // A new draft from the server replaces the editor's text only if the agent hasn't started editing.
  useEffect(() => {
    if (draft && draft.id !== loadedDraftId.current && !streaming) {
      loadedDraftId.current = draft.id;
      setText(draft.text);
    }
  }, [draft, streaming]);

  const regenerate = async () => {
    setStreaming(true);
    setStatus(null);
    setText('');
    try {
      const res = await fetch(`/api/widget/${ticketId}/draft`, { method: 'POST', headers: { 'x-widget-token': token } });
      if (!res.ok || !res.body) {
        const json = await res.json().catch(() => null);
        throw new Error(json?.error?.message ?? `HTTP ${res.status}`);
      }
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      let acc = '';
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        acc += decoder.decode(value, { stream: true });
        setText(acc);
      }
      loadedDraftId.current = null;
    } catch (err) {
      setStatus({ tone: 'error', text: `Couldn’t draft: ${(err as Error).message}` });
    } finally {
      setStreaming(false);
      void qc.invalidateQueries({ queryKey: ['widget', ticketId] });
    }
  };

  const send = useMutation({
    mutationFn: (confirm: boolean) =>
      widgetFetch<{ msg: string }>('/api/gorgias/actions', token, { method: 'POST', body: { ticket_id: ticketId, action: 'reply', confirm, params: { body: text } } }),
    onSuccess: (res, confirm) => {
      if (!confirm) setConfirming(true);
      else {
        setConfirming(false);
        setStatus({ tone: 'ok', text: res.msg });
        void qc.invalidateQueries({ queryKey: ['widget', ticketId] });
      }
    },
    onError: (err) => setStatus({ tone: 'error', text: (err as Error).message }),
  });

  const edited = draft ? text !== draft.text : false;
  return (
    <Card
      title="Reply draft"
      id="draft-title"
      right={
        draft ? (
          <span className="flex items-center gap-1.5 text-xs text-slate-500">
            {draft.source === 'model' ? `${draft.model} · ${draft.promptVersion}` : `template ${draft.templateId ?? ''}`}
            <Badge tone={grounding.ok ? 'green' : 'rose'}>{grounding.ok ? 'grounded' : `${grounding.spans.length} flag${grounding.spans.length === 1 ? '' : 's'}`}</Badge>
          </span>
        ) : null
      }
    >
      {!draft && !streaming && <p className="mb-2 text-slate-500">No draft yet: it is written after the customer’s message arrives, or press Redraft.</p>}
      {draft && !grounding.ok && !edited && (
        <div className="mb-2 rounded-md bg-rose-50 p-2 text-xs text-rose-900" data-testid="grounding-flags">
          <p className="mb-1 font-semibold">Check before sending — this draft states things Concord can’t back up:</p>
          <p className="whitespace-pre-wrap leading-relaxed">
            <Highlighted text={draft.text} spans={grounding.spans} />
          </p>
          <ul className="mt-1 list-disc pl-5">
            {grounding.spans.map((s, i) => (
              <li key={i}>
                “{s.text}”: {s.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
      <label htmlFor="draft-text" className="sr-only">Reply draft</label>
      <textarea
        id="draft-text"
        data-testid="draft-text"
        value={text}
        onChange={(e) => setText(e.target.value)}
        rows={9}
        aria-busy={streaming}
        className="block w-full rounded-lg border border-slate-300 p-2.5 text-sm leading-relaxed focus:border-brand-500"
      />
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <button type="button" disabled={!text.trim() || send.isPending || streaming} onClick={() => send.mutate(confirming)} className="rounded-md bg-brand-600 px-3 py-1.5 text-xs font-semibold text-white hover:bg-brand-700 disabled:opacity-50">
          {confirming ? 'Confirm send' : 'Send reply'}
        </button>
        {confirming && (
          <button type="button" onClick={() => setConfirming(false)} className="rounded-md border border-slate-300 px-3 py-1.5 text-xs">
            Keep editing
          </button>
        )}
        <button type="button" onClick={() => navigator.clipboard?.writeText(text).then(() => setStatus({ tone: 'ok', text: 'Copied: paste it into the Gorgias reply box.' }))} className="rounded-md border border-slate-300 px-3 py-1.5 text-xs hover:bg-slate-50">
          Copy
        </button>
        <button type="button" disabled={streaming} onClick={regenerate} className="rounded-md border border-slate-300 px-3 py-1.5 text-xs hover:bg-slate-50 disabled:opacity-50">
          {streaming ? 'Drafting…' : 'Redraft'}
        </button>
        {edited && <span className="text-xs text-slate-500">edited</span>}
      </div>
      {confirming && <p className="mt-1 text-xs text-slate-600">This sends the text above to the customer from Gorgias.</p>}
      {status && (
        <p role="status" className={`mt-2 text-xs ${status.tone === 'ok' ? 'text-emerald-700' : 'text-rose-700'}`}>
          {status.text}
        </p>
      )}
    </Card>
  );
}

function Highlighted({ text, spans }: { text: string; spans: Span[] }) {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const parts: React.ReactNode[] = [];
  let at = 0;
  sorted.forEach((s, i) => {
    if (s.start < at) return;
    parts.push(text.slice(at, s.start));
    parts.push(
      <mark key={i} title={s.reason} className="rounded bg-rose-200 px-0.5">
        {text.slice(s.start, s.end)}
      </mark>,
    );
    at = s.end;
  });
  parts.push(text.slice(at));
  return <>{parts}</>;
}
