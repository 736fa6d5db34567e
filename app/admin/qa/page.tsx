import Link from 'next/link';
import { getDb } from '@/lib/db';
import { pageSession } from '@/lib/http/page-session';
import { loadQaWeek, SUPPRESSION_FINDINGS_SHOWN, type QaTicketItem } from '@/lib/review/load-qa-week';
import { describeIsoWeek, isoWeekOf, parseIsoWeek, QA_SAMPLE_SIZE, shiftIsoWeek } from '@/lib/domain/qa-sample';
import { QA_KIND_LABELS, QA_KINDS } from '@/lib/domain/qa-results';
import { SUPPRESSION_FINDING_LABELS } from '@/lib/domain/qa-suppression';
import { loadShopChoices, pickShop } from '@/lib/admin/load-shop-choices';
import { AdminNav } from '@/components/admin-nav';
import { firstValues, hrefWith } from '@/components/admin/href';
import { Badge, Card, fmtDateTime, pct, RateBar, ShopSwitcher } from '@/components/admin/ui';
import { QaMark } from '@/components/qa/qa-mark';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Weekly QA' };

export default async function QaPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await pageSession('lead', '/admin/qa');
  const db = await getDb();
  const params = firstValues(await searchParams);
  const now = new Date();
  const thisWeek = isoWeekOf(now);
  const shops = await loadShopChoices(db);
  const shopId = pickShop(shops, params.shop);
  const weekOk = params.week === undefined || parseIsoWeek(params.week) !== null;
  const week = params.week && weekOk ? params.week : thisWeek;
  const nav = <AdminNav session={session} current="/admin/qa" />;

  if (!shopId) {
    return (
      <>
        {nav}
        <main className="mx-auto max-w-4xl p-4 text-slate-600">No store is connected yet, so there is nothing to review.</main>
      </>
    );
  }
  const qa = await loadQaWeek(db, { shopId, week, now });
  const href = (changes: Record<string, string | undefined>) => hrefWith('/admin/qa', { shop: params.shop, week: params.week }, changes);
  const reviewedInSample = qa.wismo.items.filter((i) => i.review).length;
  const future = week > thisWeek;

  return (
    <>
      {nav}
      <main className="mx-auto max-w-6xl space-y-5 p-4">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div>
            <h1 className="text-lg font-semibold">Weekly QA · {week}</h1>
            <p className="text-sm text-slate-600">
              {describeIsoWeek(week)} (UTC). Mark each item correct or wrong; marks are saved at once and can be changed.
            </p>
          </div>
          <nav aria-label="Weeks" className="flex items-center gap-2 text-sm">
            <Link
              className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-50"
              href={href({ week: shiftIsoWeek(week, -1) })}
            >
              ← {shiftIsoWeek(week, -1)}
            </Link>
            {week !== thisWeek && (
              <Link className="rounded-md px-2 py-1.5 text-brand-700 underline" href={href({ week: undefined })}>
                This week
              </Link>
            )}
            {week < thisWeek ? (
              <Link
                className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-50"
                href={href({ week: shiftIsoWeek(week, 1) })}
              >
                {shiftIsoWeek(week, 1)} →
              </Link>
            ) : (
              <span className="rounded-md border border-slate-200 px-3 py-1.5 text-slate-300" aria-disabled>
                Next →
              </span>
            )}
          </nav>
        </div>
        <ShopSwitcher shops={shops} current={shopId} hrefFor={(shop) => href({ shop })} />
        {!weekOk && (
          <p role="alert" className="rounded-md bg-amber-50 p-2 text-sm text-amber-900">
            “{params.week}” is not an ISO week (use the form {thisWeek}); showing this week instead.
          </p>
        )}
        {future && <p className="rounded-md bg-sky-50 p-2 text-sm text-sky-900">This week hasn’t started yet.</p>}

        <Card
          id="wismo"
          title={`Automated WISMO replies: random sample of ${QA_SAMPLE_SIZE}`}
          actions={
            <span className="text-sm text-slate-600">
              {reviewedInSample} of {qa.wismo.items.length} reviewed · {qa.wismo.candidates} automated this week
            </span>
          }
        >
          <p className="mb-3 text-sm text-slate-600">
            “Where is my order” tickets the policy automated (or whose reply went out, or would have in shadow mode, without an agent). The
            sample is drawn from the store and the week, so everyone sees the same {QA_SAMPLE_SIZE}; items already marked stay in it.
          </p>
          {qa.wismo.items.length === 0 ? (
            <Empty>No WISMO ticket was automated this week.</Empty>
          ) : (
            <TicketList items={qa.wismo.items} kind="wismo_automation" csrf={session.csrf} shop={shopId} week={week} />
          )}
        </Card>

        <Card
          id="routing"
          title="Return and cancellation routing: possible false positives"
          actions={
            <span className="text-sm text-slate-600">
              {qa.routing.items.filter((i) => i.review).length} of {qa.routing.items.length} reviewed
            </span>
          }
        >
          <p className="mb-3 text-sm text-slate-600">
            Tickets this week whose verdict automated a return or a cancellation, where an agent then acted against the verdict, or the
            customer reopened the ticket.
          </p>
          {qa.routing.items.length === 0 ? (
            <Empty>None this week: no override and no reopened ticket after an automated return or cancellation.</Empty>
          ) : (
            <TicketList items={qa.routing.items} kind="routing_false_positive" csrf={session.csrf} shop={shopId} week={week} />
          )}
        </Card>

        <Card
          id="suppression"
          title="Suppression entries and exits"
          actions={
            <span className="text-sm text-slate-600">
              {qa.suppression.total} mismatch{qa.suppression.total === 1 ? '' : 'es'} now
            </span>
          }
        >
          <p className="mb-3 text-sm text-slate-600">
            Customers whose Klaviyo flag (what Concord last pushed) disagrees with their issues and overrides as of now: still suppressed
            after everything was resolved, suppressed with no reason, or not suppressed despite an open issue.
            {qa.suppression.total > SUPPRESSION_FINDINGS_SHOWN && ` Showing the first ${SUPPRESSION_FINDINGS_SHOWN}.`}
          </p>
          {qa.suppression.items.length === 0 ? (
            <Empty>Klaviyo agrees with Concord for every customer.</Empty>
          ) : (
            <ul className="divide-y divide-slate-100">
              {qa.suppression.items.map((s) => (
                <li key={s.key} className="grid gap-3 py-3 md:grid-cols-[1fr_20rem]">
                  <div className="text-sm">
                    <p className="flex flex-wrap items-center gap-2">
                      <Link
                        href={`/admin/audit?email=${encodeURIComponent(s.email)}`}
                        className="font-medium text-brand-700 hover:underline"
                      >
                        {s.email}
                      </Link>
                      <Badge tone={s.kind === 'open_issue_not_flagged' ? 'rose' : 'amber'}>{SUPPRESSION_FINDING_LABELS[s.kind]}</Badge>
                      {s.sync === 'pending' && <Badge tone="sky">Klaviyo sync queued</Badge>}
                      {s.sync === 'dead' && <Badge tone="rose">Klaviyo sync dead-lettered</Badge>}
                    </p>
                    <p className="mt-1 text-slate-700">{s.explanation}</p>
                    <p className="mt-0.5 text-xs text-slate-500">Last pushed to Klaviyo {fmtDateTime(s.pushedAt)}</p>
                  </div>
                  <QaMark csrf={session.csrf} shop={shopId} week={week} kind="suppression" item={s.key} initial={s.review} />
                </li>
              ))}
            </ul>
          )}
        </Card>

        <Card
          id="stale"
          title="Issues open with no activity"
          actions={
            <span className="text-sm text-slate-600">
              {qa.stale.items.length} open over {qa.stale.thresholdDays} days
            </span>
          }
        >
          <p className="mb-3 text-sm text-slate-600">
            Open issues with no signal for {qa.stale.thresholdDays} days (Settings → weekly QA). Each keeps its customer suppressed; the
            case may have ended where Concord could not see it.
          </p>
          {qa.stale.items.length === 0 ? (
            <Empty>No issue has been open and quiet that long.</Empty>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {qa.stale.items.map((i) => (
                <li key={i.key} className="py-2">
                  <p className="flex flex-wrap items-center gap-2">
                    {i.customerEmail ? (
                      <Link
                        href={`/admin/audit?email=${encodeURIComponent(i.customerEmail)}`}
                        className="font-medium text-brand-700 hover:underline"
                      >
                        {i.customerEmail}
                      </Link>
                    ) : (
                      <span className="font-medium">Unknown customer</span>
                    )}
                    <Badge tone="amber">{i.kind.replace(/_/g, ' ')}</Badge>
                    <span className="text-slate-500">
                      open {i.openDays} days, quiet {i.quietDays} days
                    </span>
                  </p>
                  <p className="mt-1 text-slate-700">{i.reason}</p>
                </li>
              ))}
            </ul>
          )}
        </Card>

        <Card
          id="intent-disagreements"
          title="Gorgias’s intent against Concord’s"
          actions={<span className="text-sm text-slate-600">{qa.intentDisagreements.length} this week</span>}
        >
          <p className="mb-3 text-sm text-slate-600">
            Tickets where Gorgias’s own intent tag points elsewhere than Concord’s reading. One of the two is wrong: a correction in the
            ticket’s widget goes to the classifier’s training set.
          </p>
          {qa.intentDisagreements.length === 0 ? (
            <Empty>Gorgias and Concord agreed on every ticket this week.</Empty>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm" data-testid="intent-disagreements">
              {qa.intentDisagreements.map((d) => (
                <li key={d.ticketId} className="py-2">
                  <p className="flex flex-wrap items-center gap-2">
                    <span className="font-medium">Ticket {d.ticketId}</span>
                    {d.subject && <span className="text-slate-600">“{d.subject}”</span>}
                  </p>
                  <p className="mt-1 text-slate-700">
                    Gorgias: <span className="font-medium">{d.gorgias}</span> ({d.gorgiasIntent.replace(/_/g, ' ')}) · Concord:{' '}
                    <span className="font-medium">{d.concord.replace(/_/g, ' ')}</span>
                    {d.corrected ? ' · set by an agent' : ''}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </Card>

        <Card id="history" title="Results week by week">
          {qa.history.length === 0 ? (
            <Empty>No week has been reviewed yet.</Empty>
          ) : (
            <div className="relative overflow-x-auto">
              <table className="w-full text-left text-sm">
                <thead className="text-xs text-slate-500">
                  <tr>
                    <th scope="col" className="py-1.5 pr-2">
                      Week
                    </th>
                    <th scope="col" className="px-2 text-right">
                      Reviewed
                    </th>
                    <th scope="col" className="px-2 text-right">
                      Correct
                    </th>
                    <th scope="col" className="px-2 text-right">
                      Wrong
                    </th>
                    <th scope="col" className="pl-4">
                      Accuracy
                    </th>
                    {QA_KINDS.map((k) => (
                      <th key={k} scope="col" className="pl-3">
                        {QA_KIND_LABELS[k]}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {qa.history.map((w) => (
                    <tr key={w.week} className={`border-t border-slate-100 ${w.week === week ? 'bg-brand-50' : ''}`}>
                      <td className="py-1.5 pr-2">
                        <Link
                          href={href({ week: w.week })}
                          aria-current={w.week === week ? 'page' : undefined}
                          className="text-brand-700 hover:underline"
                        >
                          {w.week}
                        </Link>
                      </td>
                      <td className="px-2 text-right tabular-nums">{w.reviewed}</td>
                      <td className="px-2 text-right tabular-nums text-emerald-700">{w.correct}</td>
                      <td className="px-2 text-right tabular-nums text-rose-700">{w.wrong}</td>
                      <td className="pl-4">
                        <RateBar value={w.accuracy} label={`accuracy in ${w.week}`} />
                      </td>
                      {QA_KINDS.map((k) => (
                        <td key={k} className="pl-3 text-xs tabular-nums text-slate-600">
                          {w.byKind[k].reviewed ? `${pct(w.byKind[k].accuracy)} of ${w.byKind[k].reviewed}` : '—'}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
      </main>
    </>
  );
}

function Empty({ children }: { children: React.ReactNode }) {
  return <p className="text-sm text-slate-500">{children}</p>;
}

function TicketList({
  items,
  kind,
  csrf,
  shop,
  week,
}: {
  items: QaTicketItem[];
  kind: 'wismo_automation' | 'routing_false_positive';
  csrf: string;
  shop: string;
  week: string;
}) {
  return (
    <ol className="divide-y divide-slate-100">
      {items.map((t) => (
        <li key={t.key} className="grid gap-3 py-3 md:grid-cols-[1fr_20rem]">
          <div className="min-w-0 text-sm">
            <p className="flex flex-wrap items-center gap-2">
              <Link href={`/?ticket=${encodeURIComponent(t.ticketId)}`} className="font-medium text-brand-700 hover:underline">
                #{t.ticketId}
              </Link>
              <span className="truncate">{t.subject ?? '(no subject)'}</span>
              <Badge>{t.status}</Badge>
              {t.reopenCount > 0 && <Badge tone="amber">reopened {t.reopenCount}×</Badge>}
              {t.draft && (
                <Badge tone={t.draft.status === 'auto_sent' ? 'green' : 'sky'}>
                  {t.draft.status === 'auto_sent'
                    ? 'reply auto-sent'
                    : t.draft.status === 'shadow'
                      ? 'shadow: would have sent'
                      : `draft ${t.draft.status}`}
                </Badge>
              )}
            </p>
            <p className="text-xs text-slate-500">
              {t.customerEmail ?? 'unknown customer'} · {fmtDateTime(t.createdAt)}
              {t.verdict && (
                <>
                  {' '}
                  · rule <code>{t.verdict.rule}</code> → {t.verdict.nextStep.replace(/_/g, ' ')}
                </>
              )}
            </p>
            {t.verdict && <p className="mt-1 text-slate-700">{t.verdict.explanation}</p>}
            {t.overrides.map((o, i) => (
              <p key={i} className="mt-1 text-xs text-amber-900">
                Overridden by {o.actor ?? 'an agent'} ({o.kind.replace(/_/g, ' ')}, {fmtDateTime(o.at)}){o.reason ? `: ${o.reason}` : ''}
              </p>
            ))}
            {t.draft && (
              <details className="mt-1">
                <summary className="cursor-pointer text-xs text-brand-700">The reply</summary>
                <p className="mt-1 whitespace-pre-wrap rounded-md bg-slate-50 p-2 text-xs text-slate-700">{t.draft.output}</p>
              </details>
            )}
          </div>
          <QaMark csrf={csrf} shop={shop} week={week} kind={kind} item={t.key} initial={t.review} />
        </li>
      ))}
    </ol>
  );
}
