import { getConfig } from '@/lib/runtime/config';
import { getDb } from '@/lib/db';
import { pageSession } from '@/lib/http/page-session';
import { connectionsOverview, type StoreConnectionView } from '@/lib/connections/connections-overview';
import { shopifyCallbackUrl, shopifyScopes } from '@/lib/connections/install-shopify-app';
import { AdminNav } from '@/components/admin-nav';
import { JsonActionForm } from '@/components/json-action-form';
import { SetupButton } from '@/components/setup-actions';

export const dynamic = 'force-dynamic';

const when = (d: Date | null) => (d ? d.toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : '—');

// Onboarding an admin can finish alone: add stores, link each to its helpdesk and Klaviyo account,
// test every connection, watch webhooks, tokens and the first backfill. No secret is ever shown.
export default async function ConnectionsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const session = await pageSession('admin', '/admin/connections');
  const config = getConfig();
  const params = await searchParams;
  const overview = await connectionsOverview(await getDb(), { demoMode: config.demoMode });
  const gorgiasOptions = [
    { value: '', label: '— none —' },
    ...overview.gorgiasAccounts.map((g) => ({ value: g.domain, label: `${g.domain}.gorgias.com` })),
  ];
  const klaviyoOptions = [
    { value: '', label: '— none —' },
    ...overview.klaviyoAccounts.map((k) => ({ value: String(k.id), label: k.label })),
  ];
  return (
    <>
      <AdminNav session={session} current="/admin/connections" />
      <main className="mx-auto max-w-5xl space-y-6 p-4">
        {params.installed && (
          <p role="status" className="rounded-lg bg-emerald-50 p-3 text-sm text-emerald-800 ring-1 ring-emerald-200">
            {params.installed} is connected. Its webhooks are registered and the last 60 days of orders are loading (progress below). Next:
            link it to its Gorgias and Klaviyo accounts, then install the Gorgias integration on{' '}
            <a className="underline" href="/admin/setup">
              Setup
            </a>
            .
          </p>
        )}
        <section aria-labelledby="add-store" className="space-y-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
          <h2 id="add-store" className="text-lg font-semibold">
            Add a store
          </h2>
          {config.env.SHOPIFY_API_KEY ? (
            <form method="GET" action="/api/shopify/install" className="flex flex-wrap items-end gap-2">
              <label className="flex flex-col text-xs font-medium text-slate-600">
                Store’s myshopify domain
                <input
                  name="shop"
                  required
                  pattern="[a-z0-9][a-z0-9\-]*\.myshopify\.com"
                  placeholder="acme.myshopify.com"
                  className="mt-0.5 rounded border border-slate-300 px-2 py-1 text-sm"
                />
              </label>
              <button type="submit" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700">
                Install on Shopify
              </button>
            </form>
          ) : (
            <p className="text-sm text-amber-800">
              Set SHOPIFY_API_KEY and SHOPIFY_API_SECRET (the Dev Dashboard app’s client id and secret) to install stores with one click.
            </p>
          )}
          <p className="text-xs text-slate-500">
            Redirect URL to allow in the Dev Dashboard: <code>{shopifyCallbackUrl(config)}</code> · scopes:{' '}
            <code>{shopifyScopes(config)}</code>
          </p>
          <details className="text-sm">
            <summary className="cursor-pointer font-medium">
              Your organization’s own store (client credentials), or a legacy custom app token
            </summary>
            <div className="mt-2 space-y-3">
              <JsonActionForm
                path="/api/admin/stores"
                csrf={session.csrf}
                label="Connect with client credentials"
                fields={[
                  { name: 'shop', label: 'myshopify domain', placeholder: 'acme-eu.myshopify.com' },
                  {
                    name: 'grant',
                    label: 'Grant',
                    type: 'select',
                    options: [{ value: 'client_credentials', label: 'client credentials' }],
                  },
                ]}
              />
              <JsonActionForm
                path="/api/admin/stores"
                csrf={session.csrf}
                label="Connect with a token"
                fields={[
                  { name: 'shop', label: 'myshopify domain', placeholder: 'acme.myshopify.com' },
                  { name: 'grant', label: 'Grant', type: 'select', options: [{ value: 'static', label: 'Admin API token' }] },
                  { name: 'accessToken', label: 'Admin API access token', type: 'password', placeholder: 'shpat_…' },
                ]}
              />
            </div>
          </details>
        </section>

        <section aria-labelledby="stores" className="space-y-3">
          <h2 id="stores" className="text-lg font-semibold">
            Stores
          </h2>
          {overview.stores.length === 0 && <p className="text-sm text-slate-600">No store yet: add one above.</p>}
          {overview.stores.map((s) => (
            <StoreCard key={s.shopId} store={s} csrf={session.csrf} gorgiasOptions={gorgiasOptions} klaviyoOptions={klaviyoOptions} />
          ))}
        </section>

        <section aria-labelledby="gorgias-accounts" className="space-y-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
          <h2 id="gorgias-accounts" className="text-lg font-semibold">
            Gorgias accounts
          </h2>
          <ul className="space-y-2 text-sm">
            {overview.gorgiasAccounts.map((g) => (
              <li key={g.id} className="flex flex-wrap items-center justify-between gap-2">
                <span>
                  <strong>{g.domain}.gorgias.com</strong> · {g.apiEmail} · key stored{g.fromEnv ? ' · from the environment' : ''} · stores:{' '}
                  {g.shops.join(', ') || 'none'}
                </span>
                <SetupButton
                  path={`/api/admin/setup/gorgias-install?account=${encodeURIComponent(g.domain)}`}
                  label="Install the HTTP integration"
                  csrf={session.csrf}
                />
              </li>
            ))}
          </ul>
          <JsonActionForm
            path="/api/admin/gorgias-accounts"
            csrf={session.csrf}
            label="Add Gorgias account"
            fields={[
              { name: 'domain', label: 'Subdomain', placeholder: 'acme' },
              { name: 'apiEmail', label: 'API user email', type: 'email' },
              { name: 'apiKey', label: 'API key', type: 'password' },
            ]}
          />
        </section>

        <section aria-labelledby="klaviyo-accounts" className="space-y-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
          <h2 id="klaviyo-accounts" className="text-lg font-semibold">
            Klaviyo accounts
          </h2>
          <ul className="space-y-1 text-sm">
            {overview.klaviyoAccounts.map((k) => (
              <li key={k.id}>
                <strong>{k.label}</strong> · private key stored{k.fromEnv ? ' · from the environment' : ''} · stores:{' '}
                {k.shops.join(', ') || 'none'}
              </li>
            ))}
          </ul>
          <p className="text-xs text-slate-500">
            Stores that share a Klaviyo account share one profile per email: Concord pushes the customer’s state merged across those stores.
          </p>
          <JsonActionForm
            path="/api/admin/klaviyo-accounts"
            csrf={session.csrf}
            label="Add Klaviyo account"
            fields={[
              { name: 'label', label: 'Name', placeholder: 'EU brand' },
              { name: 'privateKey', label: 'Private API key', type: 'password', placeholder: 'pk_…' },
            ]}
          />
        </section>
      </main>
    </>
  );
}

function StoreCard({
  store: s,
  csrf,
  gorgiasOptions,
  klaviyoOptions,
}: {
  store: StoreConnectionView;
  csrf: string;
  gorgiasOptions: { value: string; label: string }[];
  klaviyoOptions: { value: string; label: string }[];
}) {
  const shop = encodeURIComponent(s.shopId);
  const status = s.shopify?.status ?? 'not connected';
  return (
    <article aria-label={s.shopId} className="space-y-2 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <header className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="font-semibold">
          {s.name} <span className="text-sm font-normal text-slate-500">{s.shopId}</span>
        </h3>
        <span
          className={`rounded-full px-2 py-0.5 text-xs font-semibold ${status === 'connected' ? 'bg-emerald-100 text-emerald-800' : 'bg-rose-100 text-rose-800'}`}
        >
          Shopify: {status}
        </span>
      </header>
      {s.todo && <p className="rounded bg-amber-50 p-2 text-sm text-amber-900">{s.todo}</p>}
      <dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-2">
        <dt className="text-slate-500">Grant · API version</dt>
        <dd>
          {s.shopify
            ? `${s.shopify.grant.replace('_', ' ')} · ${s.shopify.apiVersion}${s.shopify.fromEnv ? ' · from the environment' : ''}`
            : '—'}
        </dd>
        <dt className="text-slate-500">Granted scopes</dt>
        <dd>{s.shopify?.scopes.join(', ') || '—'}</dd>
        <dt className="text-slate-500">Access token expires · refresh token expires</dt>
        <dd>
          {s.shopify ? (s.shopify.accessTokenExpiresAt ? when(s.shopify.accessTokenExpiresAt) : 'never') : '—'} ·{' '}
          {when(s.shopify?.refreshTokenExpiresAt ?? null)} (renewed {when(s.shopify?.refreshedAt ?? null)})
        </dd>
        <dt className="text-slate-500">Webhooks</dt>
        <dd>
          {s.webhooks.registered}/{s.webhooks.expected} registered ({when(s.webhooks.registeredAt)}) · last delivery{' '}
          {when(s.webhooks.lastDeliveryAt)} · {s.webhooks.failures} failed
          {s.webhooks.missing.length > 0 && s.webhooks.registeredAt && (
            <span className="text-rose-700"> · missing: {s.webhooks.missing.join(', ')}</span>
          )}
        </dd>
        <dt className="text-slate-500">60-day backfill</dt>
        <dd>
          {s.backfill.status ?? (s.backfill.backfilledAt ? 'done' : 'not started')}
          {s.backfill.status === 'running' || s.backfill.status === 'done'
            ? ` · ${s.backfill.checked} orders on ${s.backfill.pages} pages, ${s.backfill.repaired} loaded`
            : ''}
          {s.backfill.error && <span className="text-rose-700"> · {s.backfill.error}</span>}
        </dd>
        <dt className="text-slate-500">Helpdesk · Klaviyo</dt>
        <dd>
          {s.gorgiasDomain ? `${s.gorgiasDomain}.gorgias.com${s.gorgiasConnected ? '' : ' (no API key stored)'}` : 'none'} ·{' '}
          {s.klaviyoLabel ?? 'none'}
        </dd>
      </dl>
      <JsonActionForm
        path={`/api/admin/stores/${shop}`}
        method="PATCH"
        csrf={csrf}
        label="Save links"
        fields={[
          { name: 'gorgiasDomain', label: 'Gorgias account', type: 'select', options: gorgiasOptions, defaultValue: s.gorgiasDomain ?? '' },
          {
            name: 'klaviyoAccountId',
            label: 'Klaviyo account',
            type: 'select',
            options: klaviyoOptions,
            defaultValue: s.klaviyoAccountId ? String(s.klaviyoAccountId) : '',
          },
        ]}
      />
      <div className="flex flex-wrap gap-3">
        <SetupButton path={`/api/admin/stores/${shop}/test?system=shopify`} label="Test Shopify" csrf={csrf} />
        <SetupButton path={`/api/admin/stores/${shop}/test?system=gorgias`} label="Test Gorgias" csrf={csrf} />
        <SetupButton path={`/api/admin/stores/${shop}/test?system=klaviyo`} label="Test Klaviyo" csrf={csrf} />
        {s.shopify && <SetupButton path={`/api/admin/stores/${shop}/webhooks`} label="Repair webhooks" csrf={csrf} />}
        {s.shopify?.status === 'connected' && (
          <JsonActionForm
            path={`/api/admin/stores/${shop}`}
            method="DELETE"
            csrf={csrf}
            label="Disconnect"
            confirm={`Disconnect ${s.shopId}? Concord stops calling its Shopify until you reconnect.`}
          />
        )}
        {s.shopify && s.shopify.status !== 'connected' && (
          <a
            className="rounded-md border border-brand-600 px-3 py-1.5 text-sm font-semibold text-brand-700"
            href={`/api/shopify/install?shop=${shop}`}
          >
            Reconnect (install again)
          </a>
        )}
      </div>
    </article>
  );
}
