import type { Metadata } from 'next';
import { notFound, unauthorized } from 'next/navigation';
import { cache } from 'react';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db';
import { verifyWidgetToken } from '@/lib/auth/widget-link';
import { loadWidgetPageData } from '@/lib/widget-page-data';
import { WidgetApp } from '@/components/widget/widget-app';
import type { WidgetJson } from '@/components/widget/api';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ ticket: string }>; searchParams: Promise<{ token?: string }> };

// One read per request, shared by the title and the page: the order card is in the first HTML
// (no client round trip before it shows); the browser then keeps it fresh.
const load = cache(async (ticket: string, token: string | undefined) => {
  const config = getConfig();
  const now = new Date();
  const grant = verifyWidgetToken(token, ticket, config.secrets.session, now);
  if (!grant.ok) return { ok: false as const, reason: grant.reason };
  const data = await loadWidgetPageData(await getDb(), config, grant.grant, now);
  return { ok: true as const, data: JSON.parse(JSON.stringify(data)) as WidgetJson };
});

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { ticket } = await params;
  const { token } = await searchParams;
  const res = await load(ticket, token);
  if (!res.ok || !res.data.ticket) return { title: 'Ticket not available' };
  const who = res.data.view.customer?.name ?? res.data.ticket.customerName ?? res.data.ticket.customerEmail ?? 'unknown customer';
  return { title: `Ticket ${ticket} · ${who}` };
}

export default async function WidgetPage({ params, searchParams }: Props) {
  const { ticket } = await params;
  const { token } = await searchParams;
  const res = await load(ticket, token);
  if (!res.ok) unauthorized(); // app/unauthorized.tsx: 401, says how to get a fresh link
  if (!res.data.ticket) notFound(); // a valid link for a ticket Concord has never seen
  return <WidgetApp ticketId={ticket} token={token!} initialData={res.data} />;
}
