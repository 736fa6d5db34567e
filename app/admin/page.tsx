import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db';
import { pageSession } from '@/lib/auth/require-role';
import { loadAdminOverview } from '@/lib/admin-overview';
import { AdminNav } from '@/components/admin-nav';
import { ReplayButton } from '@/components/replay-button';

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

export default async function AdminPage() {
  const session = await pageSession('admin', '/admin');
  const config = getConfig();
  const o = await loadAdminOverview(await getDb());
  const backlog = (o.outbox.pending ?? 0) + (o.outbox.running ?? 0);
  return (
    <>
      <AdminNav session={session} current="/admin" />
      <main className="mx-auto max-w-6xl space-y-6 p-4">
        {config.demoMode && <p className="rounded-lg bg-sky-50 p-3 text-sm text-sky-900">Demo mode: calls to Shopify, Gorgias and Klaviyo are recorded (status “recorded”), not sent.</p>}
        <section aria-labelledby="conn" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
          <h2 id="conn" className="mb-2 font-semibold">Connections</h2>
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
        <section aria-labelledby="backlog" className="grid grid-cols-2 gap-3 md:grid-cols-5" data-testid="backlog">
          <h2 id="backlog" className="sr-only">Backlog</h2>
          <Stat label="Outbox backlog" value={backlog} tone={backlog > 50 ? 'amber' : 'slate'} />
          <Stat label="Retrying" value={o.retrying.length} tone={o.retrying.length ? 'amber' : 'slate'} />
          <Stat label="Dead letters" value={o.outbox.dead ?? 0} tone={(o.outbox.dead ?? 0) > 0 ? 'rose' : 'green'} />
          <Stat label="Inbox pending" value={o.inbox.pending ?? 0} />
          <Stat label="Inbox failed" value={o.inbox.failed ?? 0} tone={(o.inbox.failed ?? 0) > 0 ? 'rose' : 'green'} />
        </section>
        {o.oldestPendingAt && <p className="text-sm text-slate-600">Oldest waiting effect queued {o.oldestPendingAt.toISOString().replace('T', ' ').slice(0, 19)} UTC.</p>}
        <section aria-labelledby="dead" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
          <h2 id="dead" className="mb-2 font-semibold">Dead-lettered effects</h2>
          {o.dead.length === 0 ? (
            <p className="text-sm text-slate-500">None. Every effect finished or is still retrying.</p>
          ) : (
            <div className="relative overflow-x-auto"><table className="w-full text-left text-sm">
              <thead className="text-xs text-slate-500"><tr><th>ID</th><th>Effect</th><th>Attempts</th><th>Last error</th><th /></tr></thead>
              <tbody>
                {o.dead.map((d) => (
                  <tr key={d.id} className="border-t border-slate-100 align-top">
                    <td className="py-1.5">{d.id}</td>
                    <td>{d.kind}</td>
                    <td>{d.attempts}</td>
                    <td className="max-w-md text-xs text-rose-800">{d.lastError}</td>
                    <td><ReplayButton id={d.id} csrf={session.csrf} /></td>
                  </tr>
                ))}
              </tbody>
            </table></div>
          )}
        </section>
        <section aria-labelledby="retrying" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
          <h2 id="retrying" className="mb-2 font-semibold">Retrying now</h2>
          {o.retrying.length === 0 ? <p className="text-sm text-slate-500">Nothing is retrying.</p> : (
            <ul className="space-y-1 text-sm">
              {o.retrying.map((r) => (
                <li key={r.id}>#{r.id} {r.kind} · attempt {r.attempts}/{r.maxAttempts} · next {r.nextAttemptAt.toISOString().slice(11, 19)} UTC · <span className="text-xs text-amber-800">{r.lastError}</span></li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="recorded" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
          <h2 id="recorded" className="mb-2 font-semibold">Recorded, not sent (demo or shadow mode)</h2>
          <ul className="space-y-1 text-xs">
            {o.recorded.map((r) => (
              <li key={r.id}><span className="font-medium">{r.kind}</span> <span className="text-slate-500">({r.status})</span> <code className="break-all text-slate-600">{JSON.stringify(r.payload).slice(0, 160)}</code></li>
            ))}
            {o.recorded.length === 0 && <li className="text-slate-500">Nothing recorded.</li>}
          </ul>
        </section>
        {o.failedInbox.length > 0 && (
          <section aria-labelledby="failed" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
            <h2 id="failed" className="mb-2 font-semibold">Inbox events that could not be projected</h2>
            <ul className="space-y-1 text-sm">
              {o.failedInbox.map((f) => (
                <li key={f.id}>#{f.id} {f.source} {f.topic} · {f.attempts} attempts · <span className="text-xs text-rose-800">{f.lastError}</span></li>
              ))}
            </ul>
          </section>
        )}
      </main>
    </>
  );
}
