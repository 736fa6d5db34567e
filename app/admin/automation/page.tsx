import Link from 'next/link';
import { getDb } from '@/lib/db';
import { pageSession } from '@/lib/http/page-session';
import { shadowReport } from '@/lib/automation/shadow-report';
import { getSettings } from '@/lib/settings/settings-store';
import { loadShopChoices, pickShop } from '@/lib/admin/load-shop-choices';
import { AdminNav } from '@/components/admin-nav';
import { firstValues, hrefWith } from '@/components/admin/href';
import { ShopSwitcher } from '@/components/admin/ui';

export const dynamic = 'force-dynamic';

// The shadow report: before switching an intent live, what the automation would have done and what
// a person later did on the same tickets.
export default async function AutomationPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await pageSession('admin', '/admin/automation');
  const db = await getDb();
  const params = firstValues(await searchParams);
  const shops = await loadShopChoices(db);
  const shopId = pickShop(shops, params.shop);
  const nav = <AdminNav session={session} current="/admin/automation" />;
  if (!shopId)
    return (
      <>
        {nav}
        <main className="mx-auto max-w-4xl p-4 text-slate-600">No store is connected yet.</main>
      </>
    );
  const [report, settings] = await Promise.all([shadowReport(db, shopId), getSettings(db, shopId)]);
  return (
    <>
      {nav}
      <main className="mx-auto max-w-6xl space-y-4 p-4">
        <h1 className="text-lg font-semibold">Automation shadow report</h1>
        <p className="text-sm text-slate-600">
          Shadow mode is <strong>{settings.automation.shadowMode ? 'on' : 'off'}</strong>. Each row is a ticket the automation would have
          acted on, the exact calls it recorded, and what a person did on that ticket afterwards. When the two agree, switch the intent live
          in{' '}
          <Link className="text-brand-700 underline" href="/admin/settings">
            Settings
          </Link>{' '}
          (turn shadow mode off; keep “Automate &lt;intent&gt;” on only for the intents you trust).
        </p>
        <ShopSwitcher shops={shops} current={shopId} hrefFor={(shop) => hrefWith('/admin/automation', {}, { shop })} />
        {report.length === 0 && <p className="text-sm text-slate-600">Nothing recorded in shadow mode yet.</p>}
        {report.map((r) => (
          <section key={r.intent} aria-label={`Intent ${r.intent}`} className="rounded-lg border border-slate-200 bg-white p-3">
            <h2 className="font-semibold">
              {r.intent.replace(/_/g, ' ')}: {r.count} would-have-done · a person later did the same on {r.personDidTheSame}
            </h2>
            <table className="mt-2 w-full text-left text-xs">
              <thead>
                <tr className="text-slate-500">
                  <th className="py-1">Ticket</th>
                  <th>Would have done</th>
                  <th>Calls</th>
                  <th>A person later</th>
                </tr>
              </thead>
              <tbody>
                {r.items.map((i) => (
                  <tr key={i.actionId} className="border-t border-slate-100 align-top">
                    <td className="py-1">
                      <Link className="text-brand-700 underline" href={hrefWith('/admin/audit', { shop: shopId }, { ticket: i.ticketId })}>
                        {i.ticketId}
                      </Link>
                    </td>
                    <td>{i.wouldHave}</td>
                    <td>{i.calls.join(', ')}</td>
                    <td>
                      {i.personLater.length
                        ? i.personLater
                            .map((p) => `${p.kind.replace(/_/g, ' ')} by ${p.actor} (${p.status}${p.overridden ? ', override' : ''})`)
                            .join('; ')
                        : i.personReplied
                          ? 'replied only'
                          : 'nothing yet'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
      </main>
    </>
  );
}
