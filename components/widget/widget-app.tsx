'use client';

import { useQuery } from '@tanstack/react-query';
import { formatAge, formatDate, formatMoney } from '@/lib/domain/format';
import { widgetFetch, type WidgetJson } from './api';
import { ActionPanel } from './action-panel';
import { Badge, Card } from './badges';
import { DraftEditor } from './draft-editor';
import { OrderCard } from './order-card';
import { SuppressionToggle } from './suppression-toggle';
import { VerdictCard } from './verdict-card';

export function WidgetApp({ ticketId, token, initialData }: { ticketId: string; token: string; initialData?: WidgetJson }) {
  const query = useQuery({
    queryKey: ['widget', ticketId],
    queryFn: () => widgetFetch<WidgetJson>(`/api/widget/${ticketId}`, token),
    initialData,
    initialDataUpdatedAt: initialData ? Date.parse(initialData.now) : undefined,
    refetchInterval: 15_000, // stays fresh without reloads while the agent works (and retries after a failure)
  });
  if (query.isPending) {
    return (
      <main className="mx-auto max-w-xl p-4" aria-busy="true">
        <div className="h-6 w-40 animate-pulse rounded bg-slate-200" />
        <div className="mt-4 h-40 animate-pulse rounded-xl bg-slate-200" />
      </main>
    );
  }
  if (query.isError && !query.data) {
    return (
      <main className="mx-auto max-w-xl p-4">
        <div role="alert" className="rounded-lg border border-rose-300 bg-rose-50 p-4 text-sm text-rose-900">
          <p className="font-semibold">Couldn’t load this ticket</p>
          <p>{(query.error as Error).message}</p>
          <button
            type="button"
            onClick={() => query.refetch()}
            className="mt-2 rounded-md border border-rose-300 bg-white px-3 py-1 text-xs"
          >
            Try again
          </button>
        </div>
      </main>
    );
  }
  const data = query.data;
  const c = data.view.customer;
  const locale = data.view.shop.locale; // the store's display.locale setting
  return (
    <main className="mx-auto max-w-xl space-y-3 p-3">
      {/* A failed background refresh keeps what the agent sees and types; it only says so. */}
      <div aria-live="polite">
        {query.isError && (
          <p
            role="status"
            className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-xs text-amber-950"
            data-testid="refresh-failed"
          >
            Can’t refresh, retrying every 15 s. Showing what Concord knew {formatAge(data.now, query.errorUpdatedAt)}; your text is safe. (
            {(query.error as Error).message})
          </p>
        )}
      </div>
      <header className="rounded-xl bg-white px-4 py-3 shadow-sm ring-1 ring-slate-200">
        <div className="flex items-start justify-between gap-2">
          <div className="min-w-0">
            <h1 className="text-base font-semibold">
              {c?.name ?? data.ticket?.customerName ?? data.ticket?.customerEmail ?? 'Unknown customer'}{' '}
              {c?.vip && <Badge tone="violet">VIP</Badge>}
            </h1>
            <p className="break-words text-xs text-slate-600">
              {c?.email ?? data.ticket?.customerEmail ?? 'no email'}
              {c && c.otherEmails.length > 0 ? ` · also ${c.otherEmails.join(', ')}` : ''}
            </p>
            {c && (
              <p className="text-xs text-slate-600">
                {c.ordersCount} order{c.ordersCount === 1 ? '' : 's'} · {formatMoney(c.totalSpent, c.currency, locale)} spent ·{' '}
                {data.view.shop.name}
                {c.storesMatched.length > 1 ? ` (+${c.storesMatched.length - 1} other store)` : ''}
              </p>
            )}
          </div>
          <div className="shrink-0 text-right text-xs text-slate-600">
            <p>Ticket {ticketId}</p>
            {data.demoMode && <Badge tone="blue">demo: calls recorded, not sent</Badge>}
          </div>
        </div>
        {data.ticket?.subject && <p className="mt-2 text-sm text-slate-700">“{data.ticket.subject}”</p>}
      </header>
      <OrderCard data={data} />
      <VerdictCard data={data} ticketId={ticketId} token={token} />
      <DraftEditor data={data} ticketId={ticketId} token={token} />
      <ActionPanel data={data} ticketId={ticketId} token={token} />
      <SuppressionToggle data={data} ticketId={ticketId} token={token} />
      <Card title="Previous conversations" id="previous-title">
        <ol className="space-y-2 text-xs" data-testid="previous-conversations">
          {data.view.previousTickets.map((p) => (
            <li key={p.id}>
              <p>
                <span className="font-medium">{p.subject ?? 'No subject'}</span>
                <span className="text-slate-600">
                  {' '}
                  · ticket {p.id} · {p.createdAt ? formatDate(p.createdAt, locale) : 'date unknown'} · {p.status}
                  {p.channel ? ` · ${p.channel}` : ''}
                </span>
              </p>
              {p.excerpt && <p className="line-clamp-2 text-slate-600">“{p.excerpt}”</p>}
            </li>
          ))}
          {data.view.previousTickets.length === 0 && <li className="text-slate-600">No earlier tickets from this customer.</li>}
        </ol>
      </Card>
      <Card title="Timeline" id="timeline-title">
        <ol className="space-y-1.5 text-xs" data-testid="timeline">
          {data.timeline.map((t, i) => (
            <li key={i} className="flex gap-2">
              <span className="w-24 shrink-0 text-slate-600" title={t.at}>
                {formatDate(t.at, locale)}
              </span>
              <span>{t.text}</span>
            </li>
          ))}
          {data.timeline.length === 0 && <li className="text-slate-600">Nothing yet.</li>}
        </ol>
      </Card>
      <Card title="Audit log" id="audit-title">
        <ol className="space-y-1.5 text-xs" data-testid="audit">
          {data.audit.map((a) => (
            <li key={a.id}>
              <span className="text-slate-600">
                {formatAge(a.at, data.now)} · {a.actor} ·{' '}
              </span>
              <span className="font-medium">{a.action}</span>
              <p className="text-slate-600">{a.explanation}</p>
            </li>
          ))}
        </ol>
      </Card>
    </main>
  );
}
