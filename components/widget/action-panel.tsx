'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { formatAge } from '@/lib/domain/format';
import { widgetFetch, type WidgetJson } from './api';
import { Badge, Card } from './badges';
import { ActionForm, FORM_LABELS, initialParams, isFormKind, type FormKind } from './actions/action-form';

type Kind = FormKind | 'tag_order' | 'internal_note' | 'assign_human_review';

const LABELS: Record<Kind, string> = {
  ...FORM_LABELS,
  tag_order: 'Tag order',
  internal_note: 'Internal note',
  assign_human_review: 'Send to human review',
};

interface Plan {
  msg: string;
  status: string;
  plan: string;
  plan_token?: string | null;
  overridden: boolean;
  repeat_of?: { actionId: number; kind: string; status: string; by: string; at: string } | null;
}

const REPEAT_WORDS: Record<string, string> = {
  pending: 'queued',
  done: 'done',
  recorded: 'done (demo: recorded)',
  shadow: 'shadow mode: not sent',
};

export function ActionPanel({ data, ticketId, token }: { data: WidgetJson; ticketId: string; token: string }) {
  const qc = useQueryClient();
  const [kind, setKind] = useState<Kind | null>(null);
  const [params, setParams] = useState<Record<string, unknown>>({});
  const [overrideReason, setOverrideReason] = useState('');
  const [plan, setPlan] = useState<Plan | null>(null);
  const [result, setResult] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  // Once the recommended step is taken the verdict recommends telling the customer, so no button here is marked.
  const suggested = data.verdict?.taken ? null : data.verdict?.nextStep;
  const confirmRef = useRef<HTMLDivElement>(null);
  // The plan takes the focus: a second Enter in the form can't confirm what the first one asked about.
  useEffect(() => {
    if (plan) confirmRef.current?.focus();
  }, [plan]);

  const call = useMutation({
    mutationFn: (confirm: boolean) =>
      widgetFetch<Plan>('/api/gorgias/actions', token, {
        method: 'POST',
        // The plan's token: if the order changed since the agent read the plan, the server refuses the confirmation.
        body: {
          ticket_id: ticketId,
          action: kind,
          confirm,
          params,
          ...(confirm && plan?.plan_token ? { plan_token: plan.plan_token } : {}),
          ...(overrideReason.trim() ? { override_reason: overrideReason.trim() } : {}),
        },
      }),
    onSuccess: (res, confirm) => {
      if (!confirm) setPlan(res);
      else {
        setResult({ tone: 'ok', text: res.msg });
        setKind(null);
        setPlan(null);
        setOverrideReason('');
        void qc.invalidateQueries({ queryKey: ['widget', ticketId] });
      }
    },
    onError: (err) => setResult({ tone: 'error', text: (err as Error).message }),
  });

  const open = (k: Kind) => {
    setKind(k);
    setPlan(null);
    setResult(null);
    setOverrideReason('');
    setParams(isFormKind(k) ? initialParams(k, data.actionForms) : {});
  };

  return (
    <Card title="Actions" id="actions-title">
      <div className="flex flex-wrap gap-2" role="group" aria-label="Policy actions">
        {(Object.keys(LABELS) as Kind[]).map((k) => (
          <button
            key={k}
            type="button"
            onClick={() => open(k)}
            aria-pressed={kind === k}
            className={`rounded-md border px-2.5 py-1.5 text-xs font-medium ${kind === k ? 'border-brand-500 bg-brand-50 text-brand-700' : 'border-slate-300 hover:bg-slate-50'} ${suggested === k ? 'ring-2 ring-emerald-400' : ''}`}
          >
            {LABELS[k]}
            {suggested === k ? ' ✓' : ''}
          </button>
        ))}
      </div>
      {kind && (
        <form
          className="mt-3 space-y-2 rounded-lg border border-slate-200 bg-slate-50 p-3"
          onSubmit={(e) => {
            e.preventDefault();
            // Enter (or Review) only ever asks for the plan; confirming takes the Confirm button.
            call.mutate(false);
          }}
        >
          {isFormKind(kind) ? (
            <ActionForm
              kind={kind}
              params={params}
              forms={data.actionForms}
              setParams={(p) => {
                setParams(p);
                setPlan(null);
              }}
            />
          ) : (
            <ActionFields
              kind={kind}
              params={params}
              setParams={(p) => {
                setParams(p);
                setPlan(null);
              }}
            />
          )}
          {plan && (
            <div
              ref={confirmRef}
              tabIndex={-1}
              role="alertdialog"
              aria-label="Confirm action"
              className="rounded-md border border-slate-300 bg-white p-2.5 text-xs outline-none focus-visible:ring-2"
            >
              {plan.repeat_of && (
                <p className="mb-1.5 rounded bg-amber-50 px-2 py-1 text-amber-900" data-testid="repeat-warning">
                  Already asked: {LABELS[plan.repeat_of.kind as Kind] ?? plan.repeat_of.kind},{' '}
                  {REPEAT_WORDS[plan.repeat_of.status] ?? plan.repeat_of.status}, by {plan.repeat_of.by}{' '}
                  {formatAge(plan.repeat_of.at, data.now)}. Confirm only if it should happen again.
                </p>
              )}
              <p className="font-medium text-slate-800">{plan.plan}</p>
              {plan.overridden && (
                <>
                  <p className="mt-1 text-amber-800">{plan.msg.replace(plan.plan, '').replace(/^Not done yet\.\s*/, '')}</p>
                  <label className="mt-2 block font-medium text-slate-700">
                    Reason for overriding the policy
                    <input
                      required
                      value={overrideReason}
                      onChange={(e) => setOverrideReason(e.target.value)}
                      className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm"
                    />
                  </label>
                </>
              )}
            </div>
          )}
          <div className="flex gap-2">
            {plan ? (
              <button
                type="button"
                disabled={call.isPending}
                onClick={() =>
                  plan.overridden && !overrideReason.trim()
                    ? setResult({ tone: 'error', text: 'Give a reason for overriding the policy first.' })
                    : call.mutate(true)
                }
                className="rounded-md bg-brand-600 px-3 py-1.5 text-xs font-semibold text-white hover:bg-brand-700 disabled:opacity-50"
              >
                {call.isPending ? 'Working…' : 'Confirm'}
              </button>
            ) : (
              <button
                type="submit"
                disabled={call.isPending}
                className="rounded-md bg-brand-600 px-3 py-1.5 text-xs font-semibold text-white hover:bg-brand-700 disabled:opacity-50"
              >
                {call.isPending ? 'Working…' : 'Review'}
              </button>
            )}
            <button
              type="button"
              onClick={() => {
                setKind(null);
                setPlan(null);
              }}
              className="rounded-md border border-slate-300 px-3 py-1.5 text-xs"
            >
              Cancel
            </button>
          </div>
        </form>
      )}
      {result && (
        <p role="status" className={`mt-2 text-xs ${result.tone === 'ok' ? 'text-emerald-700' : 'text-rose-700'}`}>
          {result.text}
        </p>
      )}
      {data.actions.length > 0 && (
        <ul className="mt-3 space-y-1 border-t border-slate-100 pt-2 text-xs" aria-label="Recent actions">
          {data.actions.map((a) => (
            <li key={a.id} className="flex items-center justify-between gap-2">
              <span>
                {LABELS[a.kind as Kind] ?? a.kind.replace(/_/g, ' ')} <span className="text-slate-500">by {a.actor}</span>
                {a.overridden ? <span className="ml-1 text-amber-700">(override)</span> : null}
              </span>
              <Badge tone={a.status === 'done' ? 'green' : a.status === 'failed' ? 'rose' : a.status === 'recorded' ? 'blue' : 'slate'}>
                {a.status === 'recorded' ? 'recorded (demo)' : a.status}
              </Badge>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function ActionFields({
  kind,
  setParams,
}: {
  kind: Kind;
  params: Record<string, unknown>;
  setParams: (p: Record<string, unknown>) => void;
}) {
  const input = 'mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm';
  if (kind === 'tag_order') {
    return (
      <label className="block text-xs font-medium text-slate-700">
        Tags (comma separated)
        <input
          className={input}
          onChange={(e) =>
            setParams({
              tags: e.target.value
                .split(',')
                .map((t) => t.trim())
                .filter(Boolean),
            })
          }
        />
      </label>
    );
  }
  if (kind === 'internal_note') {
    return (
      <label className="block text-xs font-medium text-slate-700">
        Note
        <textarea className={input} rows={3} onChange={(e) => setParams({ body: e.target.value })} />
      </label>
    );
  }
  return null;
}
