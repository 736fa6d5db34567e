import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Db } from '@/lib/db/client';
import { decodeJsonRow } from '@/lib/db/json-rows';
import { batcherPerDb } from '@/lib/db/batcher';
import { jsonValue, rowsOf } from '@/lib/db/rows';
import { customerHistory, customers, issues, shops, suppressionOverrides, tickets } from '@/lib/db/schema';
import type { CustomerCandidate } from '@/lib/domain/ticket-match';
import { bundleJsonSql, bundlesFromJson, type BundleJson, type OrderBundle } from './load-order-bundle';

// Everything the sidebar shows, in ONE round trip, shared by the sidebars read at the same moment.
// On this machine each round trip to PostgreSQL costs the Node process far more (driver, syscalls)
// than the query costs PostgreSQL, so the sidebar's answer rate follows the number of round trips:
// four per sidebar gave a fifth of the bare route's rate, one per sidebar under half, one per
// batch of sidebars about nine tenths.
//
// The SQL follows the ticket match's rules (lib/ticket-context/match-ticket.ts: of up to five customers with one of
// the ticket's emails or phone numbers, the one whose main email it is, else the first by store and
// id; their orders by customer id or any of their emails, in that customer's store or else in any;
// the store from the ticket's own match, else the customer, else an order, else the ticket's store).
// The candidates come back too, so the match's status, reasons and note are decided by the same pure
// code as every other match; tests/routes/widget-rows.test.ts checks that both agree.

const dialect = new PgDialect();

/** An earlier ticket of the customer: one Concord saw, or one read from Gorgias history. */
export interface PreviousTicketRow {
  id: string;
  subject: string | null;
  status: string;
  intent: string | null;
  createdAt: Date | null;
  channel: string | null;
  excerpt: string | null; // the start of the customer's first message
  source: 'concord' | 'gorgias';
}

export interface WidgetRows {
  ticket: typeof tickets.$inferSelect | null;
  candidates: CustomerCandidate[];
  own: { id: string; shopId: string }[];
  shopId: string; // the store whose data is shown
  orderIds: string[]; // the ticket's order first, then the customer's latest; at most 5
  bundles: Map<string, OrderBundle>;
  shopRow: typeof shops.$inferSelect | undefined;
  customerRow: typeof customers.$inferSelect | undefined;
  held: { count: number; spentMinor: number }; // every order held for the customer (cancelled excluded), net of refunds
  otherStores: string[];
  issueRows: (typeof issues.$inferSelect)[];
  overrideRows: (typeof suppressionOverrides.$inferSelect)[];
  previous: PreviousTicketRow[];
  draft: { output: string; flags: number } | undefined;
  unapplied: number; // inbox events about this customer not yet applied to the read model
}

// Sidebar reads that arrive together share one round trip (lib/db/batcher.ts): up to 32 in one
// statement, at most 4 statements at a time.
const MAX_IN_FLIGHT = 4;
const MAX_BATCH = 32;

// Built once: only the values change between calls, so the text (and PostgreSQL's plan) is reused.
// Each sidebar read is one row `q` of the batch (see loadWidgetRows); the statement answers every
// row with its own JSON object.
const P = {
  shopIds: sql`q.shop_ids`, // any number of stores
  ticketShopId: sql`q.ticket_shop_id`,
  ticketId: sql`q.ticket_id`,
  email: sql`q.email`,
  lookAcrossStores: sql`q.look_across_stores`,
};
const WIDGET_ROWS = dialect.sqlToQuery(sql`
  select q.k, w.data
  from (
    -- The limit also tells the planner how many rows to expect (it guesses 100 for a function, and
    -- at 100 the estimated cost crossed the line where PostgreSQL JIT-compiles: 150 ms per call).
    select * from json_to_recordset(${sql.placeholder('batch')}::json)
      as r(k int, shop_ids text[], ticket_shop_id text, ticket_id text, email text, look_across_stores boolean)
    limit ${sql.raw(String(MAX_BATCH))}
  ) q
  cross join lateral (
    with tk as (
      select * from ${tickets} where shop_id = ${P.ticketShopId} and gorgias_ticket_id = ${P.ticketId}::text limit 1
    ), em as (
      select nullif(lower(btrim(coalesce((select customer_email from tk), ${P.email}::text))), '') as e
    ), ct as (
      select coalesce((select customer_other_emails from tk), '{}'::text[]) as oth, coalesce((select customer_phones from tk), '{}'::text[]) as ph
    ), ae as (
      select array(select distinct x from unnest(array[(select e from em)] || (select oth from ct)) x where x is not null) as list
    ), cand as (
      -- three index lookups (an OR of them made PostgreSQL scan every customer)
      select * from (
        select c.shop_id, c.shopify_customer_id, c.email, c.emails, c.phones from ${customers} c where c.shop_id = any(${P.shopIds}) and c.email = any((select list from ae)::text[])
        union
        select c.shop_id, c.shopify_customer_id, c.email, c.emails, c.phones from ${customers} c where c.shop_id = any(${P.shopIds}) and c.emails && (select list from ae)
        union
        select c.shop_id, c.shopify_customer_id, c.email, c.emails, c.phones from ${customers} c where c.shop_id = any(${P.shopIds}) and c.phones && (select ph from ct)
      ) u order by coalesce(u.email = (select e from em), false) desc, u.shop_id, u.shopify_customer_id limit 5
    ), pick as (
      select * from cand limit 1
    ), ems as (
      select coalesce(array(select distinct x from unnest((select list from ae) || array[(select email from pick)] || coalesce((select emails from pick), '{}'::text[])) x
        where x is not null), '{}'::text[]) as list
    ), own as (
      select o.shopify_order_id as id, o.shop_id, row_number() over (order by o.shopify_created_at desc) as n from orders o
      where o.shop_id = any(coalesce((select array[shop_id] from pick), ${P.shopIds}))
        and (o.customer_shopify_id = (select shopify_customer_id from pick) or o.email = any((select list from ems)::text[]))
      order by o.shopify_created_at desc limit 10
    ), fin as (
      select coalesce((select matched_shop_id from tk), (select shop_id from pick), (select shop_id from own where n = 1), ${P.ticketShopId}) as shop
    ), ids as (
      select array(select id from (
          select coalesce((select matched_order_id from tk), (select id from own where n = 1)) as id, 0 as n
          union all select id, n from own) q
        where id is not null group by id order by min(n) limit 5) as list
    )
    select json_build_object(
      'ticket', (select to_json(tk) from tk),
      'candidates', coalesce((select json_agg(json_build_object('shopId', shop_id, 'id', shopify_customer_id, 'email', email, 'emails', emails, 'phones', phones)) from cand), '[]'::json),
      'own', coalesce((select json_agg(json_build_object('id', id, 'shopId', shop_id) order by n) from own), '[]'::json),
      'shopId', (select shop from fin),
      'orderIds', (select to_json(list) from ids),
      'bundles', ${bundleJsonSql(sql`(select shop from fin)`, sql`(select list from ids)::text[]`)},
      'shop', (select to_json(s) from ${shops} s where s.id = (select shop from fin)),
      'customer', (select to_json(c) from ${customers} c where c.shop_id = (select shop from fin) and c.shopify_customer_id = (select shopify_customer_id from pick)),
      -- Every order Concord holds for the customer (not only the 10 shown): count and net spend in minor units.
      'held', (select json_build_object('count', count(*), 'spentMinor', coalesce(sum(round(o.total_price::numeric * 100)
          - coalesce((select sum(round(r.amount::numeric * 100)) from refunds r where r.shop_id = o.shop_id and r.order_id = o.shopify_order_id), 0)), 0))
        from orders o where o.shop_id = (select shop from fin) and o.cancelled_at is null
          and (o.customer_shopify_id = (select shopify_customer_id from pick) or o.email = any((select list from ems)::text[]))),
      'otherStores', coalesce((select json_agg(distinct c.shop_id) from ${customers} c
        where ${P.lookAcrossStores} and c.shop_id = any(${P.shopIds}) and c.shop_id <> (select shop from fin) and c.emails && (select list from ems)), '[]'::json),
      'issues', coalesce((select json_agg(to_json(i)) from ${issues} i where i.shop_id = (select shop from fin) and i.customer_email = any((select list from ems)::text[])), '[]'::json),
      'overrides', coalesce((select json_agg(to_json(o)) from ${suppressionOverrides} o
        where o.shop_id = (select shop from fin) and o.customer_email = any((select list from ems)::text[])), '[]'::json),
      -- Earlier tickets: the ones Concord saw, with the start of their first customer message, and the
      -- ones read from Gorgias when Concord first saw the customer (customer_history) that it did not see.
      'previous', coalesce((select json_agg(p order by p."createdAt" desc nulls last) from (
        select * from (
          select t.gorgias_ticket_id as id, t.subject, t.status, t.intent, t.gorgias_created_at as "createdAt", t.channel,
            (select left(m.body_text, 300) from messages m where m.shop_id = t.shop_id and m.ticket_id = t.gorgias_ticket_id and not m.internal_note and not m.from_agent
              order by m.gorgias_created_at nulls last, m.id limit 1) as excerpt, 'concord' as source
          from ${tickets} t
          where t.shop_id = any(${P.shopIds}) and t.customer_email = any((select list from ems)::text[]) and t.gorgias_ticket_id is distinct from ${P.ticketId}::text
          union all
          select h.gorgias_ticket_id, h.subject, coalesce(h.status, 'unknown'), null, h.gorgias_created_at, h.channel, h.excerpt, 'gorgias'
          from ${customerHistory} h
          where (h.shop_id = any(${P.shopIds}) or h.shop_id = ${P.ticketShopId}) and h.customer_email = any((select list from ems)::text[])
            and h.gorgias_ticket_id is distinct from ${P.ticketId}::text
            and not exists (select 1 from ${tickets} t2 where t2.shop_id = h.shop_id and t2.gorgias_ticket_id = h.gorgias_ticket_id)
        ) u order by u."createdAt" desc nulls last limit 5) p), '[]'::json),
      'draft', (select json_build_object('output', d.output, 'flags', case jsonb_typeof(d.grounding->'spans') when 'array' then jsonb_array_length(d.grounding->'spans') else 0 end) from drafts d where d.shop_id = (select shop from fin) and d.ticket_id = (select gorgias_ticket_id from tk) order by d.created_at desc limit 1),
      -- Events about this customer received but not applied yet (a partial index holds only those).
      'unapplied', (select count(*) from inbox_events ie where ie.status = 'pending' and ie.customer_email = any((select list from ems)::text[]))
    ) as data
  ) w`);

export interface WidgetRowsQuery {
  matchShopIds: string[];
  ticketShopId: string;
  ticketId: string | null;
  email: string | null;
  lookAcrossStores: boolean;
}

export async function loadWidgetRows(db: Db, q: WidgetRowsQuery): Promise<WidgetRows> {
  const data = await readerFor(db)(q);
  return {
    ticket: data.ticket ? decodeJsonRow(tickets, data.ticket) : null,
    candidates: data.candidates,
    own: data.own,
    shopId: data.shopId,
    orderIds: data.orderIds,
    bundles: bundlesFromJson(data.orderIds, data.bundles),
    shopRow: data.shop ? decodeJsonRow(shops, data.shop) : undefined,
    customerRow: data.customer ? decodeJsonRow(customers, data.customer) : undefined,
    held: { count: Number(data.held?.count ?? 0), spentMinor: Number(data.held?.spentMinor ?? 0) },
    otherStores: data.otherStores,
    issueRows: data.issues.map((r) => decodeJsonRow(issues, r)),
    overrideRows: data.overrides.map((r) => decodeJsonRow(suppressionOverrides, r)),
    previous: data.previous.map((p) => ({ ...p, createdAt: p.createdAt ? new Date(p.createdAt) : null })),
    draft: data.draft === null ? undefined : { output: data.draft.output, flags: data.draft.flags },
    unapplied: Number(data.unapplied ?? 0),
  };
}

const readerFor = batcherPerDb(readBatch, { maxBatch: MAX_BATCH, maxInFlight: MAX_IN_FLIGHT });

async function readBatch(db: Db, qs: WidgetRowsQuery[]): Promise<(WidgetJson | Error)[]> {
  // A named statement: PostgreSQL plans it once per connection instead of on every call (planning
  // this statement costs more than running it).
  const prepared = db._.session.prepareQuery(WIDGET_ROWS, undefined, 'concord_widget_rows', false);
  const batch = qs.map((q, k) => ({
    k,
    shop_ids: q.matchShopIds,
    ticket_shop_id: q.ticketShopId,
    ticket_id: q.ticketId,
    email: q.email,
    look_across_stores: q.lookAcrossStores,
  }));
  const rows = rowsOf<{ k: number; data: WidgetJson | string }>(await prepared.execute({ batch: JSON.stringify(batch) }));
  const byK = new Map(rows.map((r) => [r.k, r.data]));
  return qs.map((_, k) => {
    const data = byK.get(k);
    return data === undefined ? new Error('the sidebar read returned no row for this request') : jsonValue(data);
  });
}

type JsonRow = Record<string, unknown>;
interface WidgetJson {
  ticket: JsonRow | null;
  candidates: CustomerCandidate[];
  own: { id: string; shopId: string }[];
  shopId: string;
  orderIds: string[];
  bundles: BundleJson;
  shop: JsonRow | null;
  customer: JsonRow | null;
  held: { count: number | string; spentMinor: number | string } | null;
  otherStores: string[];
  issues: JsonRow[];
  overrides: JsonRow[];
  previous: (Omit<PreviousTicketRow, 'createdAt'> & { createdAt: string | null })[];
  draft: { output: string; flags: number } | null;
  unapplied: number | null;
}
