import { desc, eq } from 'drizzle-orm';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db';
import { settingsVersions, shops } from '@/lib/db/schema';
import { pageSession } from '@/lib/auth/require-role';
import { readSettings } from '@/lib/settings-store';
import { AdminNav } from '@/components/admin-nav';
import { SettingsForm } from '@/components/settings-form';
import { SetupButton } from '@/components/setup-actions';
import { PolicySimulator } from '@/components/policy-simulator';

export const dynamic = 'force-dynamic';

export default async function SettingsPage({ searchParams }: { searchParams: Promise<{ shop?: string }> }) {
  const session = await pageSession('admin', '/admin/settings');
  const db = await getDb();
  const config = getConfig();
  const allShops = await db.select({ id: shops.id, name: shops.name }).from(shops).orderBy(shops.createdAt);
  const { shop } = await searchParams;
  const shopId = allShops.find((s) => s.id === shop)?.id ?? allShops[0]?.id;
  if (!shopId) {
    return (
      <>
        <AdminNav session={session} current="/admin/settings" />
        <main className="mx-auto max-w-4xl p-4 text-slate-600">No store is connected yet.</main>
      </>
    );
  }
  const settings = await readSettings(db, shopId);
  const { version, ...values } = settings;
  const versions = await db.select().from(settingsVersions).where(eq(settingsVersions.shopId, shopId)).orderBy(desc(settingsVersions.version)).limit(10);
  return (
    <>
      <AdminNav session={session} current="/admin/settings" />
      <main className="mx-auto max-w-5xl space-y-6 p-4">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h1 className="text-lg font-semibold">Settings · {allShops.find((s) => s.id === shopId)?.name}</h1>
          {allShops.length > 1 && (
            <nav aria-label="Stores" className="flex gap-2 text-sm">
              {allShops.map((s) => (
                <a key={s.id} href={`/admin/settings?shop=${s.id}`} aria-current={s.id === shopId ? 'page' : undefined} className={s.id === shopId ? 'font-semibold' : 'text-brand-700 underline'}>
                  {s.name}
                </a>
              ))}
            </nav>
          )}
          <p className="w-full text-sm text-slate-500">Version {version || 'defaults (never saved)'}. Every save is a new version and is audited with its before and after.</p>
        </div>
        <SettingsForm shopId={shopId} initial={values} csrf={session.csrf} />
        <PolicySimulator csrf={session.csrf} shopId={shopId} />
        <section aria-labelledby="connections" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
          <h2 id="connections" className="mb-1 font-semibold">Connections</h2>
          <p className="mb-3 text-sm text-slate-600">Credentials are set in the server’s environment (see .env.example) and are never shown here.</p>
          <ul className="space-y-3">
            {(['shopify', 'gorgias', 'klaviyo', 'openai'] as const).map((system) => (
              <li key={system} className="flex flex-wrap items-center gap-3 text-sm">
                <span className="w-20 font-medium capitalize">{system}</span>
                <span className={config.connections[system] ? 'text-emerald-700' : 'text-slate-500'}>{config.connections[system] ? 'configured' : 'not configured'}</span>
                {config.connections[system] && <SetupButton path={`/api/admin/connections/${system}`} label="Test" csrf={session.csrf} />}
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="versions" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
          <h2 id="versions" className="mb-2 font-semibold">History</h2>
          <ul className="space-y-1 text-sm">
            {versions.map((v) => (
              <li key={v.id}>Version {v.version} · {v.createdBy} · {v.createdAt.toISOString().slice(0, 16).replace('T', ' ')} UTC</li>
            ))}
            {versions.length === 0 && <li className="text-slate-500">Defaults in use; nothing saved yet.</li>}
          </ul>
        </section>
      </main>
    </>
  );
}
