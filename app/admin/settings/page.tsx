import { desc, eq } from 'drizzle-orm';
import { getConfig } from '@/lib/runtime/config';
import { getDb } from '@/lib/db';
import { settingsVersions, shops } from '@/lib/db/schema';
import { pageSession } from '@/lib/http/page-session';
import { describeChanges, readSettings } from '@/lib/settings/settings-store';
import { defaultSettings } from '@/lib/domain/settings';
import { SettingsHistory } from '@/components/settings-history';
import { AdminNav } from '@/components/admin-nav';
import { SettingsForm } from '@/components/settings-form';
import { SetupButton } from '@/components/setup-actions';
import { PolicySimulator } from '@/components/policy-simulator';

export const dynamic = 'force-dynamic';

export const metadata = { title: 'Settings' };

export default async function SettingsPage({
  searchParams,
}: {
  searchParams: Promise<{ shop?: string; saved?: string; restored?: string }>;
}) {
  const session = await pageSession('admin', '/admin/settings');
  const db = await getDb();
  const config = getConfig();
  const allShops = await db.select({ id: shops.id, name: shops.name }).from(shops).orderBy(shops.createdAt);
  const { shop, saved, restored } = await searchParams;
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
  // One more than shown, so the oldest shown version has something to be compared with.
  const rows = await db
    .select()
    .from(settingsVersions)
    .where(eq(settingsVersions.shopId, shopId))
    .orderBy(desc(settingsVersions.version))
    .limit(11);
  const history = rows.slice(0, 10).map((v, i) => ({
    version: v.version,
    createdBy: v.createdBy,
    createdAt: v.createdAt.toISOString(),
    // The oldest version is compared with the defaults it replaced.
    changes: describeChanges(rows[i + 1]?.data ?? defaultSettings(), v.data),
    data: v.data as Record<string, unknown>,
  }));
  const savedVersion = saved && /^\d+$/.test(saved) && Number(saved) === version ? version : null;
  return (
    <>
      <AdminNav session={session} current="/admin/settings" />
      <main className="mx-auto max-w-5xl space-y-6 p-4">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h1 className="text-lg font-semibold">Settings · {allShops.find((s) => s.id === shopId)?.name}</h1>
          {allShops.length > 1 && (
            <nav aria-label="Stores" className="flex gap-2 text-sm">
              {allShops.map((s) => (
                <a
                  key={s.id}
                  href={`/admin/settings?shop=${s.id}`}
                  aria-current={s.id === shopId ? 'page' : undefined}
                  className={s.id === shopId ? 'font-semibold' : 'text-brand-700 underline'}
                >
                  {s.name}
                </a>
              ))}
            </nav>
          )}
          <p className="w-full text-sm text-slate-600">
            Version {version || 'defaults (never saved)'}. Every save is a new version and is audited with its before and after.
          </p>
        </div>
        {savedVersion !== null && (
          <p
            role="status"
            data-testid="settings-saved"
            className="rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-950"
          >
            Saved as version {savedVersion}
            {restored && /^\d+$/.test(restored) ? ` (the values of version ${restored})` : ''}. It applies to new decisions within 5
            seconds.
          </p>
        )}
        <SettingsForm shopId={shopId} initial={values} csrf={session.csrf} />
        <PolicySimulator csrf={session.csrf} shopId={shopId} />
        <section aria-labelledby="connections" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
          <h2 id="connections" className="mb-1 font-semibold">
            Connections
          </h2>
          <p className="mb-3 text-sm text-slate-600">
            Credentials are set in the server’s environment (see .env.example) and are never shown here.
          </p>
          <ul className="space-y-3">
            {(['shopify', 'gorgias', 'klaviyo', 'openai'] as const).map((system) => (
              <li key={system} className="flex flex-wrap items-center gap-3 text-sm">
                <span className="w-20 font-medium capitalize">{system}</span>
                <span className={config.connections[system] ? 'text-emerald-700' : 'text-slate-500'}>
                  {config.connections[system] ? 'configured' : 'not configured'}
                </span>
                {config.connections[system] && <SetupButton path={`/api/admin/connections/${system}`} label="Test" csrf={session.csrf} />}
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="versions" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
          <h2 id="versions" className="mb-2 font-semibold">
            History
          </h2>
          <SettingsHistory shopId={shopId} csrf={session.csrf} current={version} versions={history} locale={settings.display.locale} />
        </section>
      </main>
    </>
  );
}
