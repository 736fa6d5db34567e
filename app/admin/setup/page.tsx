import { getConfig } from '@/lib/runtime/config';
import { pageSession } from '@/lib/http/page-session';
import { gorgiasIntegrationValues } from '@/lib/connections/install-gorgias-integration';
import { AdminNav } from '@/components/admin-nav';
import { CopyField, SetupButton } from '@/components/setup-actions';
import { KlaviyoSetup } from '@/components/klaviyo-setup';
import { loadKlaviyoSetup } from '@/lib/admin/load-klaviyo-setup';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Setup' };

export default async function SetupPage() {
  const session = await pageSession('admin', '/admin/setup');
  const config = getConfig();
  const v = gorgiasIntegrationValues(config);
  const klaviyoSetup = await loadKlaviyoSetup(config);
  return (
    <>
      <AdminNav session={session} current="/admin/setup" />
      <main className="mx-auto max-w-4xl space-y-6 p-4">
        <section aria-labelledby="gorgias" className="space-y-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
          <h2 id="gorgias" className="text-lg font-semibold">
            Gorgias sidebar
          </h2>
          <p className="text-sm text-slate-600">
            In Gorgias → Settings → Integrations → HTTP, add an integration with these values. Gorgias calls Concord on each ticket event
            and shows the answer in the sidebar of the customer’s tickets.
          </p>
          <CopyField label="Name" value={v.name} />
          <CopyField label="URL (POST)" value={v.url} />
          <CopyField
            label="Header"
            value={`Authorization: Bearer ${config.demoMode ? config.secrets.gorgiasIntegration : '<GORGIAS_INTEGRATION_SECRET from your .env>'}`}
          />
          <CopyField label="Request / response content type" value="application/json" />
          <CopyField label="Request body" value={v.body} />
          <CopyField label="Triggers" value={v.triggers.join(', ')} />
          <CopyField label="Or, read-only GET set-up (no ticket body)" value={v.getAlternative} />
          <div className="flex flex-wrap gap-4 pt-2">
            <SetupButton path="/api/admin/setup/gorgias-test" label="Send a test request" csrf={session.csrf} />
            <SetupButton
              path="/api/admin/setup/gorgias-install"
              label="Install integration + widget template via API"
              csrf={session.csrf}
            />
          </div>
          <details className="text-sm">
            <summary className="cursor-pointer font-medium">Card buttons (optional)</summary>
            <p className="mt-1 text-slate-600">
              In the widget editor, add buttons that call Concord directly. The agent sees a toast with Concord’s message. Use the same
              Authorization header.
            </p>
            <div className="mt-2 space-y-2">
              {v.buttons.map((b) => (
                <CopyField key={b.label} label={`${b.label}: ${b.method} ${b.url}`} value={b.body} />
              ))}
            </div>
          </details>
        </section>
        <KlaviyoSetup setup={klaviyoSetup} />
      </main>
    </>
  );
}
