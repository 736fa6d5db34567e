import Link from 'next/link';
import { getDb } from '@/lib/db';
import { pageSession } from '@/lib/http/page-session';
import { AUDIT_PAGE_SIZE, auditActions, parseAuditFilters, searchAudit } from '@/lib/audit/search-audit';
import { loadShopChoices } from '@/lib/admin/load-shop-choices';
import { AdminNav } from '@/components/admin-nav';
import { firstValues, hrefWith, type Params } from '@/components/admin/href';
import { Badge, Card, fmtDateTime, Pager } from '@/components/admin/ui';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Audit log' };

const FILTER_KEYS = ['email', 'order', 'ticket', 'actor', 'action', 'q', 'shop', 'from', 'to'] as const;
const ACTOR_TONE = { system: 'slate', agent: 'violet', lead: 'sky', admin: 'amber' } as const;

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await pageSession('admin', '/admin/audit');
  const db = await getDb();
  const params = firstValues(await searchParams);
  const { filters, errors } = parseAuditFilters(params);
  const [result, shops] = await Promise.all([searchAudit(db, filters), loadShopChoices(db)]);
  const actions = auditActions();
  const current: Params = Object.fromEntries(FILTER_KEYS.map((k) => [k, filters[k]]));
  const active = FILTER_KEYS.some((k) => filters[k]);
  const shopName = new Map(shops.map((s) => [s.id, s.name]));
  const input = 'mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5';

  return (
    <>
      <AdminNav session={session} current="/admin/audit" />
      <main className="mx-auto max-w-6xl space-y-5 p-4">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div>
            <h1 className="text-lg font-semibold">Audit log</h1>
            <p className="text-sm text-slate-600">Every automated and human decision with its explanation, newest first. Append-only.</p>
          </div>
          <a
            href={hrefWith('/api/admin/audit.csv', current)}
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50"
            download
          >
            Export CSV{active ? ' (filtered)' : ''}
          </a>
        </div>

        <form
          method="get"
          action="/admin/audit"
          aria-label="Search the audit log"
          className="grid grid-cols-2 gap-3 rounded-xl bg-white p-4 text-sm shadow-sm ring-1 ring-slate-200 md:grid-cols-5"
        >
          <label className="block">
            <span className="font-medium">Customer email</span>
            <input name="email" type="search" defaultValue={filters.email} placeholder="jane@example.com" className={input} />
          </label>
          <label className="block">
            <span className="font-medium">Order</span>
            <input name="order" type="search" defaultValue={filters.order} placeholder="#1043 or Shopify id" className={input} />
          </label>
          <label className="block">
            <span className="font-medium">Ticket</span>
            <input name="ticket" type="search" defaultValue={filters.ticket} placeholder="Gorgias ticket id" className={input} />
          </label>
          <label className="block">
            <span className="font-medium">Actor</span>
            <input name="actor" type="search" defaultValue={filters.actor} placeholder="system, agent, an email…" className={input} />
          </label>
          <label className="block">
            <span className="font-medium">Action</span>
            <input
              name="action"
              type="search"
              list="audit-actions"
              defaultValue={filters.action}
              placeholder="e.g. suppression"
              className={input}
            />
            <datalist id="audit-actions">
              {actions.map((a) => (
                <option key={a} value={a} />
              ))}
            </datalist>
          </label>
          <label className="col-span-2 block">
            <span className="font-medium">Explanation contains</span>
            <input name="q" type="search" defaultValue={filters.q} className={input} />
          </label>
          <label className="block">
            <span className="font-medium">From</span>
            <input name="from" type="date" defaultValue={filters.from} className={input} />
          </label>
          <label className="block">
            <span className="font-medium">To</span>
            <input name="to" type="date" defaultValue={filters.to} className={input} />
          </label>
          {shops.length > 1 ? (
            <label className="block">
              <span className="font-medium">Store</span>
              <select name="shop" defaultValue={filters.shop ?? ''} className={input}>
                <option value="">All stores</option>
                {shops.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            filters.shop && <input type="hidden" name="shop" value={filters.shop} />
          )}
          <div className="col-span-2 flex items-end gap-2 md:col-span-5">
            <button className="rounded-md bg-brand-600 px-3 py-1.5 font-semibold text-white hover:bg-brand-700">Search</button>
            {active && (
              <Link href="/admin/audit" className="px-1 py-1.5 text-brand-700 underline">
                Clear filters
              </Link>
            )}
          </div>
        </form>
        {errors.length > 0 && (
          <p role="alert" className="rounded-md bg-amber-50 p-2 text-sm text-amber-900">
            Some filters were not understood and are ignored: {errors.join('; ')}.
          </p>
        )}

        <Card id="entries" title={active ? 'Matching entries' : 'Latest entries'}>
          {result.rows.length === 0 ? (
            <p className="text-sm text-slate-500">{active ? 'No entry matches these filters.' : 'Nothing has been recorded yet.'}</p>
          ) : (
            <ol className="divide-y divide-slate-100">
              {result.rows.map((r) => (
                <li key={r.id} className="py-3 text-sm">
                  <div className="flex flex-wrap items-center gap-2">
                    <time dateTime={r.at.toISOString()} className="text-xs tabular-nums text-slate-500">
                      {fmtDateTime(r.at)}
                    </time>
                    <Link
                      href={hrefWith('/admin/audit', {}, { action: r.action })}
                      className="font-mono text-xs font-semibold text-slate-800 hover:underline"
                    >
                      {r.action}
                    </Link>
                    <Badge tone={ACTOR_TONE[r.actorType as keyof typeof ACTOR_TONE] ?? 'slate'}>{r.actorType}</Badge>
                    {r.actorId && (
                      <Link href={hrefWith('/admin/audit', {}, { actor: r.actorId })} className="text-xs text-slate-600 hover:underline">
                        {r.actorId}
                      </Link>
                    )}
                    {shops.length > 1 && <span className="text-xs text-slate-500">{shopName.get(r.shopId) ?? r.shopId}</span>}
                  </div>
                  <p className="mt-1 break-words text-slate-800">{r.explanation}</p>
                  <p className="mt-1 flex flex-wrap gap-3 text-xs">
                    {r.customerEmail && (
                      <Link className="text-brand-700 hover:underline" href={hrefWith('/admin/audit', {}, { email: r.customerEmail })}>
                        {r.customerEmail}
                      </Link>
                    )}
                    {r.orderId && (
                      <Link className="text-brand-700 hover:underline" href={hrefWith('/admin/audit', {}, { order: r.orderId })}>
                        order {r.orderId}
                      </Link>
                    )}
                    {r.ticketId && (
                      <>
                        <Link className="text-brand-700 hover:underline" href={hrefWith('/admin/audit', {}, { ticket: r.ticketId })}>
                          ticket {r.ticketId} history
                        </Link>
                        <Link className="text-brand-700 hover:underline" href={`/?ticket=${encodeURIComponent(r.ticketId)}`}>
                          open ticket
                        </Link>
                      </>
                    )}
                    {r.subjectType === 'draft' && r.subjectId && (
                      <Link className="text-brand-700 hover:underline" href={`/admin/review/${encodeURIComponent(r.subjectId)}`}>
                        draft {r.subjectId}
                      </Link>
                    )}
                  </p>
                  {(r.before !== null || r.after !== null) && (
                    <details className="mt-1">
                      <summary className="cursor-pointer text-xs text-brand-700">Before / after</summary>
                      <div className="mt-1 grid gap-2 md:grid-cols-2">
                        <div>
                          <p className="text-xs font-semibold text-slate-500">Before</p>
                          <pre className="max-h-64 overflow-auto rounded-md bg-slate-50 p-2 text-xs">
                            {r.before === null ? '—' : JSON.stringify(r.before, null, 2)}
                          </pre>
                        </div>
                        <div>
                          <p className="text-xs font-semibold text-slate-500">After</p>
                          <pre className="max-h-64 overflow-auto rounded-md bg-slate-50 p-2 text-xs">
                            {r.after === null ? '—' : JSON.stringify(r.after, null, 2)}
                          </pre>
                        </div>
                      </div>
                    </details>
                  )}
                </li>
              ))}
            </ol>
          )}
          {(result.page > 1 || result.hasNext) && (
            <Pager
              label={`Page ${result.page} · ${AUDIT_PAGE_SIZE} per page`}
              prev={result.page > 1 ? hrefWith('/admin/audit', current, { page: String(result.page - 1) }) : null}
              next={result.hasNext ? hrefWith('/admin/audit', current, { page: String(result.page + 1) }) : null}
            />
          )}
        </Card>
      </main>
    </>
  );
}
