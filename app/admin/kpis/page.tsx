import Link from 'next/link';
import { getDb } from '@/lib/db';
import { pageSession } from '@/lib/http/page-session';
import { loadKpis, POST_RESOLUTION_WINDOW_DAYS } from '@/lib/admin/load-kpis';
import { formatDuration, KPI_BUCKET_COUNT, type KpiView } from '@/lib/domain/kpis';
import { loadShopChoices, pickShop } from '@/lib/admin/load-shop-choices';
import { AdminNav } from '@/components/admin-nav';
import { firstValues, hrefWith } from '@/components/admin/href';
import { Card, pct, ShopSwitcher, Stat } from '@/components/admin/ui';
import { KpiChart } from '@/components/charts/kpi-chart';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'KPIs' };

const PALETTE = ['#2f6fed', '#7c3aed', '#0d9488', '#d97706', '#db2777', '#65a30d', '#0891b2', '#dc2626', '#64748b'];
const HOUR = 3_600_000;
const toHours = (ms: number | null) => (ms === null ? null : Math.round((ms / HOUR) * 10) / 10);
const toPct = (r: number | null) => (r === null ? null : Math.round(r * 1000) / 10);

export default async function KpisPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await pageSession('admin', '/admin/kpis');
  const db = await getDb();
  const params = firstValues(await searchParams);
  const view: KpiView = params.view === 'weekly' ? 'weekly' : 'daily';
  const shops = await loadShopChoices(db);
  const shopId = pickShop(shops, params.shop);
  const nav = <AdminNav session={session} current="/admin/kpis" />;
  if (!shopId) {
    return (
      <>
        {nav}
        <main className="mx-auto max-w-4xl p-4 text-slate-600">No store is connected yet, so there is nothing to measure.</main>
      </>
    );
  }
  const k = await loadKpis(db, { shopId, view, now: new Date() });
  const t = k.tickets;
  const labels = t.buckets.map((b) => b.label);
  const here = { shop: params.shop, view: params.view };
  const audit = (changes: Record<string, string>) => hrefWith('/admin/audit', { shop: shopId }, changes);
  const period = view === 'daily' ? `last ${KPI_BUCKET_COUNT.daily} days` : `last ${KPI_BUCKET_COUNT.weekly} weeks`;

  return (
    <>
      {nav}
      <main className="mx-auto max-w-6xl space-y-5 p-4">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div>
            <h1 className="text-lg font-semibold">KPIs · {shops.find((s) => s.id === shopId)?.name}</h1>
            <p className="text-sm text-slate-600">
              Tickets count in the {view === 'daily' ? 'day' : 'ISO week'} Gorgias created them (UTC), over the {period}. Click a number or
              a chart series for the entries behind it.
            </p>
          </div>
          <nav aria-label="Bucket size" className="inline-flex rounded-md ring-1 ring-slate-300">
            {(['daily', 'weekly'] as const).map((v) => (
              <Link
                key={v}
                href={hrefWith('/admin/kpis', here, { view: v })}
                aria-current={v === view ? 'page' : undefined}
                className={`px-3 py-1.5 text-sm capitalize first:rounded-l-md last:rounded-r-md ${v === view ? 'bg-slate-900 font-semibold text-white' : 'bg-white text-slate-700 hover:bg-slate-50'}`}
              >
                {v}
              </Link>
            ))}
          </nav>
        </div>
        <ShopSwitcher shops={shops} current={shopId} hrefFor={(shop) => hrefWith('/admin/kpis', here, { shop })} />

        <section aria-label="Headline numbers" className="grid grid-cols-2 gap-3 md:grid-cols-4">
          <Stat label={`Tickets, ${period}`} value={t.total.volume} href={audit({ action: 'ticket.classified' })} />
          <Stat
            label="Median first response"
            value={formatDuration(t.total.firstResponseMedianMs)}
            hint={`over ${t.total.firstResponseCount} answered tickets`}
          />
          <Stat
            label="Median resolution time"
            value={formatDuration(t.total.resolutionMedianMs)}
            hint={`over ${t.total.resolutionCount} closed tickets`}
          />
          <Stat
            label="Reopen rate"
            value={pct(t.total.reopenRate)}
            hint={`${t.total.reopened} of ${t.total.closedOrReopened} closed tickets came back`}
            tone={t.total.reopenRate !== null && t.total.reopenRate > 0.1 ? 'amber' : 'slate'}
          />
          <Stat
            label="Automation rate"
            value={pct(t.total.automationRate)}
            hint={`${t.total.automated} of ${t.total.classified} classified tickets had an “automate” verdict`}
            href={audit({ action: 'ticket.classified', q: 'Policy:' })}
          />
          <Stat
            label="Automation accuracy (weekly QA)"
            value={pct(k.qa.total.accuracy)}
            hint={
              k.qa.total.reviewed
                ? `${k.qa.total.correct} of ${k.qa.total.reviewed} sampled WISMO automations judged correct`
                : 'no QA review in this period yet'
            }
            tone={k.qa.total.accuracy === null ? 'muted' : k.qa.total.accuracy >= 0.9 ? 'green' : 'amber'}
            href={hrefWith('/admin/qa', { shop: params.shop })}
          />
          <Stat
            label="Delayed shipments now"
            value={k.shipments.delayedNow}
            tone={k.shipments.delayedNow ? 'amber' : 'green'}
            href={audit({ action: 'issue', q: 'delay issue' })}
          />
          <Stat
            label="Shipment exceptions now"
            value={k.shipments.exceptionNow}
            tone={k.shipments.exceptionNow ? 'rose' : 'green'}
            href={audit({ action: 'issue', q: 'exception issue' })}
          />
          <Stat
            label="Suppressed in Klaviyo"
            value={k.suppression.klaviyoSuppressed}
            hint={
              k.suppression.klaviyoProfiles
                ? `of ${k.suppression.klaviyoProfiles} profiles, as last pushed by Concord`
                : 'nothing pushed to Klaviyo yet (is it connected?)'
            }
            href={audit({ action: 'klaviyo.profile_synced', q: 'concord_active_issue=true' })}
          />
          <Stat
            label="Customers with an open issue"
            value={k.suppression.withOpenIssues}
            hint="the suppression segment Concord derives"
            href={audit({ action: 'issue.opened' })}
          />
          <Stat
            label="Post-resolution conversion"
            value={pct(k.postResolution.total.conversionRate)}
            hint={
              k.postResolution.total.resolved
                ? `${k.postResolution.total.converted} of ${k.postResolution.total.resolved} resolved issues (30+ days old) led to an order within ${POST_RESOLUTION_WINDOW_DAYS} days${perIntent(k.postResolution.byIntent, 'conversionRate')}`
                : 'no issue resolved 30+ days ago in this period'
            }
            tone={k.postResolution.total.conversionRate === null ? 'muted' : 'slate'}
            href={audit({ action: 'issue.resolved' })}
          />
          <Stat
            label="Post-resolution review rate"
            value={pct(k.postResolution.total.reviewRate)}
            hint={
              k.postResolution.total.resolved
                ? `${k.postResolution.total.reviewRequested} of ${k.postResolution.total.resolved} resolved issues were followed by a review request${perIntent(k.postResolution.byIntent, 'reviewRate')}`
                : 'no issue resolved 30+ days ago in this period'
            }
            tone={k.postResolution.total.reviewRate === null ? 'muted' : 'slate'}
            href={audit({ action: 'issue.resolved' })}
          />
        </section>

        <div className="grid gap-4 lg:grid-cols-2">
          <Card id="volume" title="Ticket volume by intent">
            <KpiChart
              type="bar"
              stacked
              title="Ticket volume by intent"
              labels={labels}
              series={t.intents.map((intent, i) => ({
                label: intent.replace(/_/g, ' '),
                data: t.perBucket.map((b) => b.byIntent[intent] ?? 0),
                color: PALETTE[i % PALETTE.length],
                href: intent === 'unclassified' ? null : audit({ action: 'ticket.classified', q: `Intent ${intent} (` }),
              }))}
            />
            <ul className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-xs">
              {t.intents.map((intent) => (
                <li key={intent}>
                  {intent === 'unclassified' ? (
                    <span>unclassified: {t.total.byIntent[intent]}</span>
                  ) : (
                    <Link className="text-brand-700 hover:underline" href={audit({ action: 'ticket.classified', q: `Intent ${intent} (` })}>
                      {intent.replace(/_/g, ' ')}: {t.total.byIntent[intent]}
                    </Link>
                  )}
                </li>
              ))}
            </ul>
          </Card>
          <Card id="times" title="Median response and resolution time">
            <KpiChart
              type="line"
              unit="hours"
              title="Median first-response and resolution time, hours"
              labels={labels}
              series={[
                { label: 'First response', data: t.perBucket.map((b) => toHours(b.firstResponseMedianMs)), color: PALETTE[0] },
                { label: 'Resolution', data: t.perBucket.map((b) => toHours(b.resolutionMedianMs)), color: PALETTE[3] },
              ]}
            />
          </Card>
          <Card id="rates" title="Automation and reopen rates">
            <KpiChart
              type="line"
              unit="percent"
              title="Automation rate and reopen rate, percent"
              labels={labels}
              series={[
                {
                  label: 'Automation rate',
                  data: t.perBucket.map((b) => toPct(b.automationRate)),
                  color: PALETTE[2],
                  href: audit({ action: 'ticket.classified', q: 'Policy:' }),
                },
                { label: 'Reopen rate', data: t.perBucket.map((b) => toPct(b.reopenRate)), color: PALETTE[4] },
              ]}
            />
          </Card>
          <Card id="shipments" title="Delayed and exception shipments">
            <p className="mb-2 text-xs text-slate-500">Shipments created in each period that are delayed or in exception now.</p>
            <KpiChart
              type="bar"
              title="Delayed and exception shipments by the period they shipped"
              labels={labels}
              series={[
                { label: 'Delayed', data: k.shipments.delayed, color: PALETTE[3], href: audit({ action: 'issue', q: 'delay issue' }) },
                {
                  label: 'Exception',
                  data: k.shipments.exception,
                  color: PALETTE[7],
                  href: audit({ action: 'issue', q: 'exception issue' }),
                },
              ]}
            />
          </Card>
        </div>

        {view === 'weekly' && k.qa.weeks.length > 0 && (
          <Card id="qa" title="Automation accuracy by week (QA of automated WISMO replies)">
            <div className="relative overflow-x-auto">
              <table className="w-full text-left text-sm">
                <thead className="text-xs text-slate-500">
                  <tr>
                    <th scope="col" className="py-1 pr-2">
                      Week
                    </th>
                    <th scope="col" className="px-2 text-right">
                      Reviewed
                    </th>
                    <th scope="col" className="px-2 text-right">
                      Correct
                    </th>
                    <th scope="col" className="pl-2 text-right">
                      Accuracy
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {k.qa.weeks.map((w) => (
                    <tr key={w.week} className="border-t border-slate-100">
                      <td className="py-1">
                        <Link className="text-brand-700 hover:underline" href={hrefWith('/admin/qa', { shop: params.shop, week: w.week })}>
                          {w.week}
                        </Link>
                      </td>
                      <td className="text-right tabular-nums">{w.reviewed}</td>
                      <td className="text-right tabular-nums">{w.correct}</td>
                      <td className="text-right tabular-nums">{pct(w.accuracy)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Card>
        )}
      </main>
    </>
  );
}

/** " (delay 40%, refund 10%)": the per-intent split behind a post-resolution rate. */
function perIntent(
  rows: { intent: string; resolved: number; conversionRate: number | null; reviewRate: number | null }[],
  key: 'conversionRate' | 'reviewRate',
): string {
  const parts = rows
    .filter((r) => r[key] !== null)
    .map((r) => `${r.intent.replace(/_/g, ' ')} ${Math.round((r[key] ?? 0) * 100)}% of ${r.resolved}`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}
