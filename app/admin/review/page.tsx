import Link from 'next/link';
import { getDb } from '@/lib/db';
import { pageSession } from '@/lib/http/page-session';
import { loadDraftReview, loadDraftReviewOptions, REVIEW_ROW_LIMIT } from '@/lib/review/load-draft-review';
import {
  acceptance,
  acceptanceBy,
  ACCEPTANCE_DEFINITION,
  paginate,
  REVIEW_SORTS,
  sortReviewItems,
  type ReviewSort,
} from '@/lib/domain/draft-review';
import { loadShopChoices } from '@/lib/admin/load-shop-choices';
import { AdminNav } from '@/components/admin-nav';
import { firstValues, hrefWith, type Params } from '@/components/admin/href';
import { Badge, Card, fmtDateTime, Pager, pct, RateBar, ShopSwitcher, Stat } from '@/components/admin/ui';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Draft review' };

const PAGE_SIZE = 25;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function parseDay(s: string | undefined, plusOneDay = false): Date | null {
  if (!s || !DAY.test(s)) return null;
  const d = new Date(`${s}T00:00:00.000Z`);
  if (Number.isNaN(d.getTime())) return null;
  return plusOneDay ? new Date(d.getTime() + 86_400_000) : d;
}

export default async function DraftReviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await pageSession('lead', '/admin/review');
  const db = await getDb();
  const params = firstValues(await searchParams);
  const shops = await loadShopChoices(db);
  const shopId = shops.find((s) => s.id === params.shop)?.id ?? null;
  const sort: ReviewSort = params.sort && params.sort in REVIEW_SORTS ? (params.sort as ReviewSort) : 'most_edited';
  const outcome = params.outcome === 'accepted' || params.outcome === 'edited' ? params.outcome : undefined;
  const badDates = [params.from, params.to].some((d) => d !== undefined && !parseDay(d));

  const [{ items, capped }, options] = await Promise.all([
    loadDraftReview(db, {
      shopId,
      intent: params.intent,
      agent: params.agent,
      version: params.version,
      from: parseDay(params.from),
      to: parseDay(params.to, true),
    }),
    loadDraftReviewOptions(db, shopId),
  ]);
  // Rates describe the whole filtered set; the outcome filter only narrows the list below them.
  const overall = acceptance(items);
  const byIntent = acceptanceBy(items, (i) => i.intent ?? 'unclassified');
  const byVersion = acceptanceBy(items, (i) => i.version);
  const listed = sortReviewItems(outcome ? items.filter((i) => (outcome === 'accepted') === i.accepted) : items, sort);
  const page = paginate(listed, Number(params.page ?? 1), PAGE_SIZE);
  const current: Params = { ...params, page: undefined };
  const taught = items.filter((i) => i.teach).length;
  const filtered = ['intent', 'agent', 'version', 'from', 'to', 'outcome', 'shop'].some((k) => params[k]);

  return (
    <>
      <AdminNav session={session} current="/admin/review" />
      <main className="mx-auto max-w-6xl space-y-5 p-4">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div>
            <h1 className="text-lg font-semibold">Draft review</h1>
            <p className="max-w-3xl text-sm text-slate-600">
              Every AI or template draft next to the reply the agent actually sent. {ACCEPTANCE_DEFINITION}
            </p>
          </div>
          <ShopSwitcher
            shops={shops}
            current={shopId}
            allLabel="All stores"
            hrefFor={(shop) => hrefWith('/admin/review', current, { shop })}
          />
        </div>

        <form
          method="get"
          action="/admin/review"
          className="grid grid-cols-2 gap-3 rounded-xl bg-white p-4 text-sm shadow-sm ring-1 ring-slate-200 md:grid-cols-4"
          aria-label="Filters"
        >
          {shopId && <input type="hidden" name="shop" value={shopId} />}
          <Select name="intent" label="Intent" value={params.intent} options={options.intents} pretty />
          <Select name="agent" label="Agent" value={params.agent} options={options.agents} />
          <Select name="version" label="Prompt / template" value={params.version} options={options.versions} />
          <Select name="outcome" label="Outcome" value={outcome} options={['accepted', 'edited']} />
          <label className="block">
            <span className="font-medium">Sent from</span>
            <input
              type="date"
              name="from"
              defaultValue={params.from}
              className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5"
            />
          </label>
          <label className="block">
            <span className="font-medium">Sent to</span>
            <input
              type="date"
              name="to"
              defaultValue={params.to}
              className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5"
            />
          </label>
          <label className="block">
            <span className="font-medium">Sort</span>
            <select name="sort" defaultValue={sort} className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5">
              {Object.entries(REVIEW_SORTS).map(([k, label]) => (
                <option key={k} value={k}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <div className="flex items-end gap-2">
            <button className="rounded-md bg-brand-600 px-3 py-1.5 font-semibold text-white hover:bg-brand-700">Apply</button>
            {filtered && (
              <Link href="/admin/review" className="px-1 py-1.5 text-brand-700 underline">
                Reset
              </Link>
            )}
          </div>
        </form>
        {badDates && (
          <p role="alert" className="rounded-md bg-amber-50 p-2 text-sm text-amber-900">
            A date was not understood and is ignored: use the form 2026-11-24.
          </p>
        )}
        {capped && (
          <p className="rounded-md bg-amber-50 p-2 text-sm text-amber-900">
            Showing the newest {REVIEW_ROW_LIMIT.toLocaleString('en')} sent drafts only; narrow the filters to see older ones.
          </p>
        )}

        <section aria-label="Summary" className="grid grid-cols-2 gap-3 md:grid-cols-5">
          <Stat label="Drafts sent by agents" value={overall.total} />
          <Stat
            label="Accepted as drafted"
            value={pct(overall.rate)}
            hint={`${overall.accepted} of ${overall.total}`}
            tone={overall.rate === null ? 'muted' : overall.rate >= 0.6 ? 'green' : 'amber'}
            href={hrefWith('/admin/review', current, { outcome: 'accepted' })}
          />
          <Stat label="Median share of draft kept" value={pct(overall.medianKept)} />
          <Stat
            label="Median word edits"
            value={overall.medianEdits ?? '—'}
            href={hrefWith('/admin/review', current, { sort: 'most_edited' })}
          />
          <Stat label="Taught as examples" value={taught} />
        </section>

        {/* min-w-0: a grid cell may shrink below its table's width; the table scrolls inside it. */}
        <div className="grid gap-4 md:grid-cols-2 *:min-w-0">
          <AcceptanceTable
            id="by-intent"
            title="Acceptance by intent"
            rows={byIntent}
            label={(k) => k.replace(/_/g, ' ')}
            hrefFor={(k) => hrefWith('/admin/review', current, { intent: k })}
          />
          <AcceptanceTable
            id="by-version"
            title="Acceptance by prompt version / template"
            rows={byVersion}
            label={(k) => <code className="text-xs">{k}</code>}
            hrefFor={(k) => hrefWith('/admin/review', current, { version: k })}
            note="A version ending in +taught.… was written with the leads’ “Teach this” examples for its intent; compare it with the same version without the suffix to see whether teaching helped."
          />
        </div>

        <Card id="drafts" title={`Sent drafts (${listed.length})`}>
          {page.rows.length === 0 ? (
            <p className="text-sm text-slate-500">
              {items.length === 0 && !filtered
                ? 'No agent has sent a drafted reply yet. Drafts show up here once the agent’s reply comes back from Gorgias.'
                : 'No sent draft matches these filters.'}
            </p>
          ) : (
            <div className="relative overflow-x-auto">
              <table className="w-full text-left text-sm">
                <caption className="sr-only">Drafts and what was sent, {REVIEW_SORTS[sort].toLowerCase()}</caption>
                <thead className="text-xs text-slate-500">
                  <tr>
                    <th scope="col" className="py-1.5 pr-3">
                      Sent
                    </th>
                    <th scope="col" className="pr-3">
                      Ticket
                    </th>
                    <th scope="col" className="pr-3">
                      Intent
                    </th>
                    <th scope="col" className="pr-3">
                      Agent
                    </th>
                    <th scope="col" className="pr-3">
                      Prompt / template
                    </th>
                    <th
                      scope="col"
                      className="pr-3 text-right"
                      aria-sort={sort === 'most_edited' ? 'descending' : sort === 'least_edited' ? 'ascending' : undefined}
                    >
                      <Link
                        className="underline decoration-dotted"
                        href={hrefWith('/admin/review', current, { sort: sort === 'most_edited' ? 'least_edited' : 'most_edited' })}
                      >
                        Word edits {sort === 'most_edited' ? '↓' : sort === 'least_edited' ? '↑' : ''}
                      </Link>
                    </th>
                    <th
                      scope="col"
                      className="pr-3 text-right"
                      aria-sort={sort === 'least_kept' ? 'ascending' : sort === 'most_kept' ? 'descending' : undefined}
                    >
                      <Link
                        className="underline decoration-dotted"
                        href={hrefWith('/admin/review', current, { sort: sort === 'least_kept' ? 'most_kept' : 'least_kept' })}
                      >
                        Draft kept {sort === 'least_kept' ? '↑' : sort === 'most_kept' ? '↓' : ''}
                      </Link>
                    </th>
                    <th scope="col" className="pr-3">
                      Outcome
                    </th>
                    <th scope="col">
                      <span className="sr-only">Open</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {page.rows.map((d) => (
                    <tr key={d.id} className="border-t border-slate-100 align-top">
                      <td className="whitespace-nowrap py-2 pr-3 text-xs text-slate-600">{fmtDateTime(d.sentAt ?? d.createdAt)}</td>
                      <td className="max-w-[16rem] pr-3">
                        <Link href={`/?ticket=${encodeURIComponent(d.ticketId)}`} className="text-brand-700 hover:underline">
                          #{d.ticketId}
                        </Link>
                        <span className="block truncate text-xs text-slate-500">{d.subject ?? '(no subject)'}</span>
                      </td>
                      <td className="pr-3">
                        <Badge tone="violet">{(d.intent ?? 'unclassified').replace(/_/g, ' ')}</Badge>
                      </td>
                      <td className="max-w-[12rem] truncate pr-3 text-xs">{d.sentBy ?? 'unknown'}</td>
                      <td className="pr-3 text-xs">
                        <code>{d.version}</code>
                      </td>
                      <td className="pr-3 text-right tabular-nums">{d.editDistance}</td>
                      <td className="pr-3 text-right tabular-nums">{pct(d.keptRatio)}</td>
                      <td className="space-x-1 pr-3">
                        {d.accepted ? <Badge tone="green">accepted</Badge> : <Badge tone="amber">edited</Badge>}
                        {d.teach && <Badge tone="sky">taught</Badge>}
                      </td>
                      <td>
                        <Link
                          href={`/admin/review/${d.id}`}
                          className="whitespace-nowrap text-brand-700 hover:underline"
                          aria-label={`Review draft ${d.id} on ticket ${d.ticketId}`}
                        >
                          Review <span aria-hidden>→</span>
                        </Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {page.pages > 1 && (
            <Pager
              label={`Page ${page.page} of ${page.pages}`}
              prev={page.page > 1 ? hrefWith('/admin/review', current, { page: String(page.page - 1) }) : null}
              next={page.page < page.pages ? hrefWith('/admin/review', current, { page: String(page.page + 1) }) : null}
            />
          )}
        </Card>
      </main>
    </>
  );
}

function Select({
  name,
  label,
  value,
  options,
  pretty = false,
}: {
  name: string;
  label: string;
  value: string | undefined;
  options: string[];
  pretty?: boolean;
}) {
  return (
    <label className="block">
      <span className="font-medium">{label}</span>
      <select name={name} defaultValue={value ?? ''} className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5">
        <option value="">All</option>
        {value && !options.includes(value) && <option value={value}>{value}</option>}
        {options.map((o) => (
          <option key={o} value={o}>
            {pretty ? o.replace(/_/g, ' ') : o}
          </option>
        ))}
      </select>
    </label>
  );
}

function AcceptanceTable({
  id,
  title,
  rows,
  hrefFor,
  label,
  note,
}: {
  id: string;
  title: string;
  rows: ReturnType<typeof acceptanceBy>;
  hrefFor: (key: string) => string;
  label: (key: string) => React.ReactNode;
  note?: string;
}) {
  return (
    <Card id={id} title={title}>
      {note && <p className="mb-2 text-xs text-slate-600">{note}</p>}
      {rows.length === 0 ? (
        <p className="text-sm text-slate-500">Nothing sent yet.</p>
      ) : (
        <div className="relative overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="text-xs text-slate-500">
              <tr>
                <th scope="col" className="py-1 pr-3">
                  Group
                </th>
                <th scope="col" className="px-2 text-right">
                  Sent
                </th>
                <th scope="col" className="px-2 text-right" title="Sent word for word">
                  Unchanged
                </th>
                <th scope="col" className="px-2 text-right" title="Sent unchanged or lightly edited (at least 95% the same)">
                  Accepted
                </th>
                <th scope="col" className="px-3">
                  Rate
                </th>
                <th scope="col" className="whitespace-nowrap text-right">
                  Median kept
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key} className="border-t border-slate-100">
                  <td className="break-all py-1.5 pr-3">
                    <Link href={hrefFor(r.key)} className="text-brand-700 hover:underline">
                      {label(r.key)}
                    </Link>
                  </td>
                  <td className="px-2 text-right tabular-nums">{r.total}</td>
                  <td className="px-2 text-right tabular-nums">{r.unchanged}</td>
                  <td className="px-2 text-right tabular-nums">{r.accepted}</td>
                  <td className="px-3">
                    <RateBar value={r.rate} label={`accepted for ${r.key}`} />
                  </td>
                  <td className="text-right tabular-nums">{pct(r.medianKept)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
