'use client';

import { useState } from 'react';

const EXAMPLE = JSON.stringify(
  {
    now: '2026-11-24T12:00:00Z',
    intent: 'return_exchange',
    message: 'Hi, the jacket is too small, can I send it back?',
    order: {
      id: 5940139490001,
      name: '#1001',
      email: 'sam@example.com',
      created_at: '2026-10-20T10:00:00Z',
      updated_at: '2026-10-30T10:00:00Z',
      financial_status: 'paid',
      fulfillment_status: 'fulfilled',
      currency: 'USD',
      total_price: '120.00',
      tags: '',
      line_items: [{ id: 1, title: 'Trail Jacket', sku: 'TJ-M', quantity: 1, price: '120.00' }],
      fulfillments: [
        {
          id: 77,
          order_id: 5940139490001,
          status: 'success',
          shipment_status: 'delivered',
          created_at: '2026-10-22T10:00:00Z',
          updated_at: '2026-10-29T10:00:00Z',
        },
      ],
      refunds: [],
    },
    events: [{ id: 1, fulfillment_id: 77, order_id: 5940139490001, status: 'delivered', happened_at: '2026-10-29T10:00:00Z' }],
    customer: { vip: false, refunds_last_90_days: 0 },
  },
  null,
  2,
);

interface Result {
  decision?: string;
  next_step?: string;
  reasons?: string[];
  explanation?: string;
  error?: string;
}

/** Runs a scenario through the policy engine with this store's saved settings. */
export function PolicySimulator({ csrf, shopId }: { csrf: string; shopId: string }) {
  const [text, setText] = useState(EXAMPLE);
  const [result, setResult] = useState<Result | null>(null);
  const [pending, setPending] = useState(false);
  return (
    <section aria-labelledby="simulator" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <h2 id="simulator" className="mb-1 font-semibold">
        Policy simulator
      </h2>
      <p className="mb-2 text-sm text-slate-600">
        A scenario as <code>npm run -s policy</code> reads it: a Shopify order in webhook JSON with its fulfillments and refunds, its
        tracking events, the intent and the customer. It runs with this store’s saved settings.
      </p>
      <label htmlFor="scenario" className="sr-only">
        Scenario JSON
      </label>
      <textarea
        id="scenario"
        data-testid="scenario"
        rows={14}
        className="block w-full rounded-md border border-slate-300 p-2 font-mono text-xs"
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <button
        type="button"
        disabled={pending}
        className="mt-2 rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-50"
        onClick={async () => {
          setPending(true);
          let scenario: unknown;
          try {
            scenario = JSON.parse(text);
          } catch {
            setPending(false);
            setResult({ error: 'The scenario is not valid JSON.' });
            return;
          }
          const res = await fetch('/api/admin/policy-simulate', {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
            body: JSON.stringify({ shop: shopId, scenario }),
          });
          const json = await res.json().catch(() => null);
          setPending(false);
          setResult(res.ok ? json : { error: json?.error?.message ?? `HTTP ${res.status}` });
        }}
      >
        {pending ? 'Running…' : 'Run scenario'}
      </button>
      {result && (
        <div
          role="status"
          data-testid="simulation-result"
          className={`mt-3 rounded-lg p-3 text-sm ${result.error ? 'bg-rose-50 text-rose-900' : result.decision === 'automate' ? 'bg-emerald-50' : 'bg-amber-50'}`}
        >
          {result.error ? (
            result.error
          ) : (
            <>
              <p className="font-semibold">
                {result.decision} → {result.next_step}
              </p>
              <p>{result.explanation}</p>
              <ul className="mt-1 list-disc pl-5 text-xs">
                {result.reasons?.map((r, i) => (
                  <li key={i}>{r}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </section>
  );
}
