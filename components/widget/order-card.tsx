import type { WidgetJson } from './api';
import { formatAge, formatDate, formatMoney } from '@/lib/domain/format';
import { Badge, Card, HealthBadge } from './badges';

export function OrderCard({ data }: { data: WidgetJson }) {
  const { view } = data;
  const locale = view.shop.locale; // the store's display.locale setting
  // The ticket's own order first, then the rest latest first.
  const orders = data.focusOrder
    ? [...view.orders.filter((o) => o.name === data.focusOrder), ...view.orders.filter((o) => o.name !== data.focusOrder)]
    : view.orders;
  return (
    <Card
      title="Orders & tracking"
      id="orders-title"
      right={
        <span className="text-xs text-slate-500" title={view.asOf}>
          as of {formatAge(view.asOf, data.now)}
          {view.stale ? ' · refreshing' : ''}
        </span>
      }
    >
      {view.match.note && (
        <p role="note" className="mb-3 rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-900">
          {view.match.status === 'uncertain' ? 'Uncertain match: ' : ''}
          {view.match.note}
        </p>
      )}
      {view.orders.length === 0 && (
        <p className="text-slate-500">
          No orders found for this customer in {view.shop.name}. Orders older than 60 days may not be visible.
        </p>
      )}
      <ul className="space-y-4">
        {orders.map((o, i) => (
          <li key={o.name} data-testid="order" className={i > 0 ? 'border-t border-slate-100 pt-3' : ''}>
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <span className="flex items-baseline gap-1.5">
                <a href={o.adminUrl ?? undefined} target="_blank" rel="noreferrer" className="font-semibold text-brand-700 hover:underline">
                  {o.name}
                </a>
                {o.name === data.focusOrder && <Badge tone="blue">this ticket</Badge>}
              </span>
              <span className="font-medium" elementtiming={i === 0 ? 'order-card' : undefined}>
                {formatMoney(o.totalPrice, o.currency, locale)}
              </span>
            </div>
            <div className="mt-1 flex flex-wrap gap-1.5 text-xs">
              <span className="text-slate-500">{formatDate(o.createdAt, locale)}</span>
              {o.cancelled && <Badge tone="rose">cancelled</Badge>}
              <Badge tone={o.financialStatus === 'paid' ? 'green' : 'slate'}>{o.financialStatus ?? 'unknown payment'}</Badge>
              <Badge>{o.fulfillmentStatus ?? 'unfulfilled'}</Badge>
            </div>
            <p className="mt-1 text-xs text-slate-600">{o.items.join(', ')}</p>
            {o.shipments.map((s, j) => (
              <div key={j} className="mt-2 rounded-lg bg-slate-50 p-2.5" data-testid="shipment">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <span className="text-xs font-medium">
                    {s.carrier ?? 'Carrier'} ·{' '}
                    {s.trackingUrl ? (
                      <a
                        className="text-brand-700 underline"
                        href={s.trackingUrl}
                        target="_blank"
                        rel="noreferrer"
                        data-testid="tracking-link"
                      >
                        {s.trackingNumber ?? 'track'}
                      </a>
                    ) : (
                      (s.trackingNumber ?? 'no tracking number')
                    )}
                  </span>
                  <HealthBadge state={s.state} />
                </div>
                <p className="mt-1 text-xs text-slate-700">{s.reason}</p>
                <p className="mt-0.5 text-xs text-slate-500">
                  Last scan:{' '}
                  {s.lastEventStatus ? `${s.lastEventStatus.replace(/_/g, ' ')}, ${formatAge(s.lastEventAt, data.now)}` : 'none yet'}
                  {s.estimatedDeliveryAt ? ` · ETA ${formatDate(s.estimatedDeliveryAt, locale)}` : ''}
                </p>
              </div>
            ))}
            {(o.returns.length > 0 || o.refunds.length > 0) && (
              <p className="mt-2 text-xs text-slate-600">
                {o.returns.map((r) => `Return ${r.name ?? ''} ${r.status}`).join(' · ')}
                {o.returns.length > 0 && o.refunds.length > 0 ? ' · ' : ''}
                {o.refunds
                  .map((r) => `Refunded ${formatMoney(r.amount, o.currency, locale)} on ${formatDate(r.createdAt, locale)}`)
                  .join(' · ')}
              </p>
            )}
          </li>
        ))}
      </ul>
    </Card>
  );
}
