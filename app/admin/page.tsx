import { getConfig } from '@/lib/runtime/config';
import { getDb } from '@/lib/db';
import { pageSession } from '@/lib/http/page-session';
import { loadAdminOverview } from '@/lib/admin/load-admin-overview';
import { AdminNav } from '@/components/admin-nav';
import { ReplayButton } from '@/components/replay-button';
import { RevokeLinksButton } from '@/components/admin/revoke-links-button';
import { loadShopChoices } from '@/lib/admin/load-shop-choices';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Overview' };

function Stat({ label, value, tone = 'slate' }: { label: string; value: number | string; tone?: 'slate' | 'amber' | 'rose' | 'green' }) {
  const tones = { slate: 'text-slate-900', amber: 'text-amber-700', rose: 'text-rose-700', green: 'text-emerald-700' };
  return (
    <div className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <p className="text-xs text-slate-500">{label}</p>
      <p className={`text-2xl font-semibold ${tones[tone]}`}>{value}</p>
    </div>
  );
}

function formatAge(s: number): string {
  return s < 90 ? `${Math.round(s)} s` : s < 5400 ? `${Math.round(s / 60)} min` : `${Math.round(s / 3600)} h`;
}

export default async function AdminPage() {
  const session = await pageSession('admin', '/admin');
  const config = getConfig();
  const db = await getDb();
  const o = await loadAdminOverview(db);
  const shopChoices = await loadShopChoices(db);
  const backlog = (o.outbox.pending ?? 0) + (o.outbox.running ?? 0);
  return (
    <>
      <AdminNav session={session} current="/admin" />
      <main className="mx-auto max-w-6xl space-y-6 p-4">
        {config.demoMode && (
          <p className="rounded-lg bg-sky-50 p-3 text-sm text-sky-900">
            Demo mode: calls to Shopify, Gorgias and Klaviyo are recorded (status “recorded”), not sent.
          </p>
        )}
        <section aria-labelledby="conn" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
          <h2 id="conn" className="mb-2 font-semibold">
            Connections{' '}
            <a href="/admin/connections" className="ml-2 text-sm font-normal text-brand-700 underline">
              stores and accounts
            </a>
          </h2>
          <ul className="grid grid-cols-2 gap-2 text-sm md:grid-cols-4">
            {Object.entries(config.connections).map(([k, v]) => (
              <li key={k} className="flex items-center gap-2">
                <span className={`h-2 w-2 rounded-full ${v ? 'bg-emerald-500' : 'bg-slate-300'}`} aria-hidden />
                <span className="capitalize">{k}</span>
                <span className="text-slate-500">{v ? 'connected' : k === 'openai' ? 'templates only' : 'not configured'}</span>
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="links" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
          <h2 id="links" className="mb-1 font-semibold">
            Widget links
          </h2>
          <p className="mb-2 text-sm text-slate-600">
            Links in the Gorgias sidebar last {config.env.CONCORD_WIDGET_LINK_TTL_MINUTES / 60} h and are renewed on every ticket event.
            Revoke them if one leaked.
          </p>
          <ul className="space-y-1 text-sm">
            {shopChoices.map((s) => (
              <li key={s.id} className="flex items-center justify-between gap-2">
                <span>
                  {s.name} <span className="text-slate-500">({s.id})</span>
                </span>
                <RevokeLinksButton shop={s.id} csrf={session.csrf} />
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="backlog" className="grid grid-cols-2 gap-3 md:grid-cols-5" data-testid="backlog">
          <h2 id="backlog" className="sr-only">
            Backlog
          </h2>
          <Stat label="Outbox backlog" value={backlog} tone={backlog > 50 ? 'amber' : 'slate'} />
          <Stat label="Retrying" value={o.retrying.length} tone={o.retrying.length ? 'amber' : 'slate'} />
          <Stat label="Dead letters" value={o.outbox.dead ?? 0} tone={(o.outbox.dead ?? 0) > 0 ? 'rose' : 'green'} />
          <Stat label="Inbox pending" value={o.inbox.pending ?? 0} />
          <Stat label="Inbox failed" value={o.inbox.failed ?? 0} tone={(o.inbox.failed ?? 0) > 0 ? 'rose' : 'green'} />
        </section>
        {o.oldestPendingAt && (
          <p className="text-sm text-slate-600">
            Oldest waiting effect queued {o.oldestPendingAt.toISOString().replace('T', ' ').slice(0, 19)} UTC.
          </p>
        )}
        <section aria-labelledby="freshness" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200" data-testid="freshness">
          <h2 id="freshness" className="mb-2 font-semibold">
            Keeping up
          </h2>
          <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm md:grid-cols-4">
            <dt className="text-slate-500">Inbox waiting to apply</dt>
            <dd>
              {o.backlog.inbox.pending}
              {o.backlog.inbox.oldestPendingAgeS !== null && `, oldest ${formatAge(o.backlog.inbox.oldestPendingAgeS)}`}
            </dd>
            <dt className="text-slate-500">Inbox applied (last minute)</dt>
            <dd>
              {o.backlog.inbox.appliedLastMinute} ({o.backlog.inbox.drainPerSecond}/s)
            </dd>
            <dt className="text-slate-500">Outbox waiting</dt>
            <dd>
              {o.backlog.outbox.open}
              {o.backlog.outbox.oldestOpenAgeS !== null && `, oldest ${formatAge(o.backlog.outbox.oldestOpenAgeS)}`}
            </dd>
            <dt className="text-slate-500">Outbox finished (last minute)</dt>
            <dd>
              {o.backlog.outbox.finishedLastMinute} ({o.backlog.outbox.drainPerSecond}/s)
            </dd>
          </dl>
          {o.backlog.backfills.map((b) => (
            <p key={b.shopId} className="mt-2 text-sm text-sky-900" data-testid="backfill">
              Backfilling {b.shopId} (orders changed since {b.since.slice(0, 10)}): page {b.pages}, {b.checked} orders checked, {b.repaired}{' '}
              added or repaired so far.
            </p>
          ))}
        </section>
        <section aria-labelledby="dead" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
          <h2 id="dead" className="mb-2 font-semibold">
            Dead-lettered effects
          </h2>
          {o.dead.length === 0 ? (
            <p className="text-sm text-slate-500">None. Every effect finished or is still retrying.</p>
          ) : (
            <div className="relative overflow-x-auto">
              <table className="w-full text-left text-sm">
                <thead className="text-xs text-slate-500">
                  <tr>
                    <th>ID</th>
                    <th>Effect</th>
                    <th>Attempts</th>
                    <th>Last error</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {o.dead.map((d) => (
                    <tr key={d.id} className="border-t border-slate-100 align-top">
                      <td className="py-1.5">{d.id}</td>
                      <td>{d.kind}</td>
                      <td>{d.attempts}</td>
                      <td className="max-w-md text-xs text-rose-800">{d.lastError}</td>
                      <td>
                        <ReplayButton id={d.id} csrf={session.csrf} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        <section aria-labelledby="retrying" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
          <h2 id="retrying" className="mb-2 font-semibold">
            Retrying now
          </h2>
          {o.retrying.length === 0 ? (
            <p className="text-sm text-slate-500">Nothing is retrying.</p>
          ) : (
            <ul className="space-y-1 text-sm">
              {o.retrying.map((r) => (
                <li key={r.id}>
                  #{r.id} {r.kind} · attempt {r.attempts}/{r.maxAttempts} · next {r.nextAttemptAt.toISOString().slice(11, 19)} UTC ·{' '}
                  <span className="text-xs text-amber-800">{r.lastError}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="recorded" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
          <h2 id="recorded" className="mb-2 font-semibold">
            Recorded, not sent (demo or shadow mode)
          </h2>
          <ul className="space-y-1 text-xs">
            {o.recorded.map((r) => (
              <li key={r.id}>
                <span className="font-medium">{r.kind}</span> <span className="text-slate-500">({r.status})</span>{' '}
                <code className="break-all text-slate-600">{JSON.stringify(r.payload).slice(0, 160)}</code>
              </li>
            ))}
            {o.recorded.length === 0 && <li className="text-slate-500">Nothing recorded.</li>}
          </ul>
        </section>
        {o.failedInbox.length > 0 && (
          <section aria-labelledby="failed" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
            <h2 id="failed" className="mb-2 font-semibold">
              Inbox events that could not be projected
            </h2>
            <ul className="space-y-1 text-sm">
              {o.failedInbox.map((f) => (
                <li key={f.id}>
                  #{f.id} {f.source} {f.topic} · {f.attempts} attempts · <span className="text-xs text-rose-800">{f.lastError}</span>
                </li>
              ))}
            </ul>
          </section>
        )}
      </main>
    </>
  );
}
