'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { formatAge } from '@/lib/domain/format';
import { widgetFetch, type WidgetJson } from './api';
import { Badge, Card } from './badges';
import { ConfirmBox } from './confirm-box';
import { PAIRED_STEPS } from '@/lib/domain/drafts/paired-steps';

interface Span {
  start: number;
  end: number;
  text: string;
  kind: string;
  reason: string;
}
interface Check {
  ok: boolean;
  spans: Span[];
}
type Ask = null | 'redraft' | 'repeat' | 'flags' | 'send' | 'paired';
interface PairedPlan {
  plan: string;
  plan_token: string | null;
  flags: Span[];
  overridden: boolean;
}
type Saved = { state: 'idle' | 'saving' | 'saved' | 'error'; at?: string };

const SAVE_AFTER_MS = 600;
const REPLY_KINDS = new Set(['reply', 'reply_tracking']);

/**
 * The step the verdict recommends, when a reply can go with it in one button ("Send reply and
 * cancel"), with the params it needs: an address change only when the message holds the whole address.
 */
function pairedStep(data: WidgetJson): { kind: string; button: string; params: Record<string, unknown> } | null {
  const v = data.verdict;
  if (!v || v.taken || !PAIRED_STEPS[v.nextStep]) return null;
  if (v.nextStep === 'update_address') {
    const a = data.actionForms.addressFromMessage;
    if (!a?.complete) return null;
    return { kind: v.nextStep, button: PAIRED_STEPS[v.nextStep].button, params: { address: a.address } };
  }
  return { kind: v.nextStep, button: PAIRED_STEPS[v.nextStep].button, params: {} };
}

/**
 * The reply editor. The agent's text is theirs: it is saved on the server as they type (so a
 * reload, a second tab or another device finds it), a newer draft is offered rather than pasted
 * over it, and Redraft asks first and can be undone. Each save re-runs the grounding check on the
 * text as it is now, so flags follow the words the agent actually sends.
 */
export function DraftEditor({ data, ticketId, token }: { data: WidgetJson; ticketId: string; token: string }) {
  const qc = useQueryClient();
  const draft = data.draft;
  const [text, setText] = useState(data.unsent?.text ?? draft?.text ?? '');
  const [edited, setEdited] = useState(Boolean(data.unsent));
  // The newest draft the agent has seen or decided about; a newer one is offered, never pasted in.
  const [seen, setSeen] = useState<number | null>(data.unsent ? (data.unsent.baseDraftId ?? draft?.id ?? null) : (draft?.id ?? null));
  const seenDraftId = useRef(seen);
  useEffect(() => {
    seenDraftId.current = seen;
  }, [seen]);
  const [offered, setOffered] = useState<WidgetJson['draft']>(data.unsent && draft && draft.id !== seen ? draft : null);
  const [check, setCheck] = useState<Check | null>(data.unsent ? null : ((draft?.grounding as Check | undefined) ?? null));
  const [saved, setSaved] = useState<Saved>(data.unsent ? { state: 'saved', at: data.unsent.updatedAt } : { state: 'idle' });
  const [streaming, setStreaming] = useState(false);
  const [undoText, setUndoText] = useState<string | null>(null);
  const [ask, setAsk] = useState<Ask>(null);
  const [sending, setSending] = useState(false);
  const [status, setStatus] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latestText = useRef(text);
  latestText.current = text;

  // Saves the text and returns its check; the answer is ignored if the agent typed on meanwhile.
  const save = useCallback(
    async (value: string): Promise<Check | null> => {
      setSaved({ state: 'saving' });
      try {
        const res = await widgetFetch<{ unsent: { updatedAt: string }; grounding: Check }>(`/api/widget/${ticketId}/unsent`, token, {
          method: 'PUT',
          body: { text: value, base_draft_id: seenDraftId.current },
        });
        if (latestText.current === value) {
          setCheck(res.grounding);
          setSaved({ state: 'saved', at: new Date(res.unsent.updatedAt).toISOString() });
        }
        return res.grounding;
      } catch {
        setSaved({ state: 'error' });
        return null;
      }
    },
    [ticketId, token],
  );

  const type = (value: string) => {
    setText(value);
    setEdited(true);
    setUndoText(null);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(value), SAVE_AFTER_MS);
  };
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
  // Saved text from an earlier visit: check it as it stands now (the order may have moved on).
  const hadUnsent = useRef(Boolean(data.unsent));
  useEffect(() => {
    if (hadUnsent.current) void save(latestText.current);
  }, [save]);

  // A draft newer than the one the agent started from: take it if they haven't typed, else offer it.
  // (Adjusted while rendering, React's pattern for state that follows a prop.)
  const [lastDraftId, setLastDraftId] = useState(draft?.id ?? null);
  if (draft && !streaming && draft.id !== lastDraftId) {
    setLastDraftId(draft.id);
    if (seen === null || draft.id > seen) {
      if (!edited) {
        setSeen(draft.id);
        setText(draft.text);
        setCheck(draft.grounding as Check);
        setOffered(null);
      } else {
        setOffered(draft);
      }
    }
  }

  const takeOffered = async () => {
    if (!offered) return;
    setUndoText(text);
    seenDraftId.current = offered.id;
    setSeen(offered.id);
    setText(offered.text);
    setCheck(offered.grounding as Check);
    setEdited(false);
    setOffered(null);
    await widgetFetch(`/api/widget/${ticketId}/unsent`, token, { method: 'DELETE' }).catch(() => null);
  };
  const keepMine = () => {
    if (offered) {
      seenDraftId.current = offered.id;
      setSeen(offered.id);
    }
    setOffered(null);
    void save(text);
  };

  const redraft = async () => {
    setAsk(null);
    setStreaming(true);
    setStatus(null);
    const before = text;
    setText('');
    try {
      if (edited) await widgetFetch(`/api/widget/${ticketId}/unsent`, token, { method: 'DELETE' }).catch(() => null);
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
      await qc.refetchQueries({ queryKey: ['widget', ticketId] });
      const fresh = qc.getQueryData<WidgetJson>(['widget', ticketId])?.draft;
      if (fresh) {
        seenDraftId.current = fresh.id;
        setSeen(fresh.id);
        setText(fresh.text);
        setCheck(fresh.grounding as Check);
      }
      setEdited(false);
      setOffered(null);
      if (before.trim() && before !== fresh?.text) setUndoText(before);
    } catch (err) {
      setText(before);
      setStatus({ tone: 'error', text: `Couldn’t draft: ${(err as Error).message}. Your text is unchanged.` });
    } finally {
      setStreaming(false);
    }
  };
  const undo = () => {
    if (undoText === null) return;
    const value = undoText;
    setUndoText(null);
    setText(value);
    setEdited(true);
    void save(value);
  };

  const lastReply = data.actions.find((a) => (REPLY_KINDS.has(a.kind) || a.withReply) && a.status !== 'failed' && a.status !== 'stopped');
  const paired = pairedStep(data);
  const [pairedPlan, setPairedPlan] = useState<PairedPlan | null>(null);
  // "Send reply and cancel": the plan of both (what Shopify does, then the reply) is shown and confirmed once.
  const startPaired = async () => {
    if (!paired) return;
    setStatus(null);
    if (timer.current) clearTimeout(timer.current);
    if (edited) await save(text);
    setSending(true);
    try {
      const res = await widgetFetch<PairedPlan>('/api/gorgias/actions', token, {
        method: 'POST',
        body: { ticket_id: ticketId, action: paired.kind, confirm: false, params: { ...paired.params, reply: text } },
      });
      setPairedPlan(res);
      setAsk('paired');
    } catch (err) {
      setStatus({ tone: 'error', text: (err as Error).message });
    } finally {
      setSending(false);
    }
  };
  const sendPaired = async () => {
    if (!paired || !pairedPlan) return;
    setSending(true);
    try {
      const res = await widgetFetch<{ msg: string }>('/api/gorgias/actions', token, {
        method: 'POST',
        body: {
          ticket_id: ticketId,
          action: paired.kind,
          confirm: true,
          plan_token: pairedPlan.plan_token ?? undefined,
          send_anyway: pairedPlan.flags.length > 0,
          params: { ...paired.params, reply: text },
        },
      });
      setAsk(null);
      setPairedPlan(null);
      setEdited(false);
      setUndoText(null);
      setStatus({ tone: 'ok', text: res.msg });
      await qc.invalidateQueries({ queryKey: ['widget', ticketId] });
    } catch (err) {
      setAsk(null);
      setStatus({ tone: 'error', text: (err as Error).message });
    } finally {
      setSending(false);
      requestAnimationFrame(() => statusRef.current?.focus());
    }
  };
  const startSend = async () => {
    setStatus(null);
    if (lastReply && ask !== 'repeat') return setAsk('repeat');
    // The check of exactly the text being sent, not of a version a keystroke older.
    if (timer.current) clearTimeout(timer.current);
    const final = edited ? await save(text) : check;
    setAsk(final && !final.ok ? 'flags' : 'send');
  };
  const send = async (anyway: boolean) => {
    setSending(true);
    try {
      const res = await widgetFetch<{ msg: string }>('/api/gorgias/actions', token, {
        method: 'POST',
        body: { ticket_id: ticketId, action: 'reply', confirm: true, send_anyway: anyway, params: { body: text } },
      });
      setAsk(null);
      setEdited(false);
      setUndoText(null);
      setStatus({ tone: 'ok', text: res.msg });
      await qc.invalidateQueries({ queryKey: ['widget', ticketId] });
    } catch (err) {
      setAsk(null);
      setStatus({ tone: 'error', text: (err as Error).message });
    } finally {
      setSending(false);
      requestAnimationFrame(() => statusRef.current?.focus());
    }
  };

  const flags = check && !check.ok ? check.spans : [];
  const checking = edited && saved.state === 'saving';
  return (
    <Card
      title="Reply draft"
      id="draft-title"
      right={
        <span className="flex items-center gap-1.5 text-xs text-slate-600">
          {draft && (draft.source === 'model' ? `${draft.model} · ${draft.promptVersion}` : `template ${draft.templateId ?? ''}`)}
          <span data-testid="flag-count">
            {check === null || checking ? (
              <Badge>checking…</Badge>
            ) : (
              <Badge tone={flags.length ? 'rose' : 'green'}>
                {flags.length ? `${flags.length} flag${flags.length === 1 ? '' : 's'}` : 'grounded'}
              </Badge>
            )}
          </span>
        </span>
      }
    >
      {lastReply && (
        <p data-testid="sent-marker" className="mb-2 rounded-md bg-emerald-50 px-2 py-1 text-xs text-emerald-950">
          {lastReply.withReply ? 'Sent with the action ' : 'Sent '}
          {formatAge(lastReply.createdAt, data.now)} by {lastReply.actor}
          {lastReply.status === 'pending'
            ? lastReply.withReply
              ? ' · goes out once Shopify has done it'
              : ' · on its way to Gorgias'
            : lastReply.status === 'recorded'
              ? ' · demo: recorded, not sent'
              : lastReply.status === 'shadow'
                ? ' · shadow mode: not sent'
                : ''}
        </p>
      )}
      {offered && (
        <div
          role="status"
          className="mb-2 flex flex-wrap items-center gap-2 rounded-md border border-sky-300 bg-sky-50 p-2 text-xs text-sky-950"
        >
          <span className="font-semibold">New draft available.</span>
          <span>Your edits are kept until you choose.</span>
          <button type="button" onClick={() => void takeOffered()} className="rounded border border-sky-400 bg-white px-2 py-0.5">
            Replace
          </button>
          <button type="button" onClick={keepMine} className="rounded border border-sky-400 bg-white px-2 py-0.5">
            Keep mine
          </button>
        </div>
      )}
      {!draft && !streaming && !text && (
        <p className="mb-2 text-slate-600">No draft yet: it is written after the customer’s message arrives, or press Redraft.</p>
      )}
      {flags.length > 0 && !streaming && (
        <div className="mb-2 rounded-md bg-rose-50 p-2 text-xs text-rose-950" data-testid="live-flags">
          <p className="mb-1 font-semibold">Check before sending: Concord can’t back these statements in the text below.</p>
          <p className="whitespace-pre-wrap leading-relaxed">
            <Highlighted text={text} spans={flags} />
          </p>
          <ul className="mt-1 list-disc pl-5">
            {flags.map((s, i) => (
              <li key={i}>
                “{s.text}”: {s.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
      <label htmlFor="draft-text" className="sr-only">
        Reply draft
      </label>
      <textarea
        id="draft-text"
        data-testid="draft-text"
        value={text}
        onChange={(e) => type(e.target.value)}
        rows={9}
        aria-busy={streaming}
        aria-describedby="draft-save-state"
        className="block w-full rounded-lg border border-slate-300 p-2.5 text-sm leading-relaxed focus:border-brand-500"
      />
      <p id="draft-save-state" className="mt-1 text-xs text-slate-600">
        {saved.state === 'saving' && 'Saving and checking…'}
        {saved.state === 'saved' &&
          edited &&
          `Saved ${saved.at ? formatAge(saved.at, Date.now()) : ''} · your edits are kept on this ticket`}
        {saved.state === 'error' && 'Not saved: Concord can’t be reached. Keep this tab open; it saves again on your next change.'}
      </p>
      {ask === 'redraft' && (
        <ConfirmBox
          title="Replace your edits with a new draft?"
          onCancel={() => setAsk(null)}
          cancelLabel="Keep my edits"
          confirmLabel="Replace with a new draft"
          onConfirm={() => void redraft()}
        >
          <p>Your text is kept for Undo until you type again.</p>
        </ConfirmBox>
      )}
      {ask === 'repeat' && lastReply && (
        <ConfirmBox
          title="Send a second reply?"
          onCancel={() => setAsk(null)}
          confirmLabel="Send another reply"
          onConfirm={() => void startSend()}
        >
          <p>
            {lastReply.actor} already sent a reply {formatAge(lastReply.createdAt, data.now)}. Sending again writes to the customer a second
            time.
          </p>
        </ConfirmBox>
      )}
      {ask === 'flags' && (
        <ConfirmBox
          title={`${flags.length} unbacked statement${flags.length === 1 ? '' : 's'}: send anyway?`}
          onCancel={() => setAsk(null)}
          confirmLabel="Send anyway"
          busy={sending}
          danger
          onConfirm={() => void send(true)}
        >
          <ul className="list-disc pl-5">
            {flags.map((s, i) => (
              <li key={i}>
                “{s.text}”: {s.reason}
              </li>
            ))}
          </ul>
          <p className="mt-1">Sending anyway is recorded in the audit log with these statements.</p>
        </ConfirmBox>
      )}
      {ask === 'paired' && paired && pairedPlan && (
        <ConfirmBox
          title={`${paired.button}?`}
          onCancel={() => {
            setAsk(null);
            setPairedPlan(null);
          }}
          confirmLabel={pairedPlan.flags.length ? 'Confirm anyway' : 'Confirm'}
          busy={sending}
          danger={pairedPlan.flags.length > 0 || pairedPlan.overridden}
          onConfirm={() => void sendPaired()}
        >
          <p data-testid="paired-plan">{pairedPlan.plan}</p>
          {pairedPlan.flags.length > 0 && (
            <ul className="mt-1 list-disc pl-5">
              {pairedPlan.flags.map((s, i) => (
                <li key={i}>
                  “{s.text}”: {s.reason}
                </li>
              ))}
            </ul>
          )}
        </ConfirmBox>
      )}
      {ask === 'send' && (
        <ConfirmBox
          title="Send this reply?"
          onCancel={() => setAsk(null)}
          confirmLabel="Confirm send"
          busy={sending}
          onConfirm={() => void send(false)}
        >
          <p>This sends the text above to the customer from Gorgias.</p>
        </ConfirmBox>
      )}
      <div className="mt-2 flex flex-wrap items-center gap-2">
        {paired && (
          <button
            type="button"
            data-testid="send-paired"
            disabled={!text.trim() || sending || streaming || ask !== null}
            onClick={() => void startPaired()}
            className="rounded-md bg-brand-600 px-3 py-1.5 text-xs font-semibold text-white hover:bg-brand-700 disabled:opacity-50"
          >
            {paired.button}
          </button>
        )}
        <button
          type="button"
          disabled={!text.trim() || sending || streaming || ask !== null}
          onClick={() => void startSend()}
          className={
            paired
              ? 'rounded-md border border-slate-300 px-3 py-1.5 text-xs hover:bg-slate-50 disabled:opacity-50'
              : 'rounded-md bg-brand-600 px-3 py-1.5 text-xs font-semibold text-white hover:bg-brand-700 disabled:opacity-50'
          }
        >
          {paired ? 'Send reply only' : 'Send reply'}
        </button>
        <button
          type="button"
          onClick={() =>
            navigator.clipboard?.writeText(text).then(() => setStatus({ tone: 'ok', text: 'Copied: paste it into the Gorgias reply box.' }))
          }
          className="rounded-md border border-slate-300 px-3 py-1.5 text-xs hover:bg-slate-50"
        >
          Copy
        </button>
        <button
          type="button"
          disabled={streaming || ask !== null}
          onClick={() => (edited && text.trim() ? setAsk('redraft') : void redraft())}
          className="rounded-md border border-slate-300 px-3 py-1.5 text-xs hover:bg-slate-50 disabled:opacity-50"
        >
          {streaming ? 'Drafting…' : 'Redraft'}
        </button>
        {undoText !== null && (
          <button type="button" onClick={undo} className="rounded-md border border-slate-300 px-3 py-1.5 text-xs hover:bg-slate-50">
            Undo
          </button>
        )}
        {edited && <span className="text-xs text-slate-600">edited</span>}
      </div>
      <p
        ref={statusRef}
        tabIndex={-1}
        aria-live="polite"
        className={`mt-2 text-xs outline-none ${status?.tone === 'error' ? 'text-rose-800' : 'text-emerald-800'}`}
      >
        {status?.text ?? ''}
      </p>
    </Card>
  );
}

function Highlighted({ text, spans }: { text: string; spans: Span[] }) {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const parts: React.ReactNode[] = [];
  let at = 0;
  sorted.forEach((s, i) => {
    if (s.start < at || s.end > text.length) return;
    parts.push(text.slice(at, s.start));
    parts.push(
      <mark key={i} title={s.reason} className="rounded bg-rose-200 px-0.5 text-rose-950">
        {text.slice(s.start, s.end)}
      </mark>,
    );
    at = s.end;
  });
  parts.push(text.slice(at));
  return <>{parts}</>;
}
