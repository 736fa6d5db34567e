import type { Metadata } from 'next';
import { notFound, unauthorized } from 'next/navigation';
import { cache } from 'react';
import { getConfig } from '@/lib/runtime/config';
import { getDb } from '@/lib/db';
import { bindAgent } from '@/lib/auth/widget-link';
import { agentFromLink, checkWidgetGrant } from '@/lib/auth/widget-grant';
import { loadWidgetPageData } from '@/lib/ticket-context/load-widget-page';
import { WidgetApp } from '@/components/widget/widget-app';
import type { WidgetJson } from '@/components/widget/api';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ ticket: string }>; searchParams: Promise<{ token?: string; agent?: string }> };

// One read per request, shared by the title and the page: the order card is in the first HTML
// (no client round trip before it shows); the browser then keeps it fresh.
// Gorgias opens this page from the sidebar card's link, which the widget template renders as
// `{{widget_url}}&agent={{current_user.email}}`: the first open binds that agent into the signed
// token the page then uses, so every action it takes is recorded as theirs.
const load = cache(async (ticket: string, token: string | undefined, agent: string | undefined) => {
  const config = getConfig();
  const now = new Date();
  const db = await getDb();
  const grant = await checkWidgetGrant(db, token, ticket, config.secrets.session, now);
  if (!grant.ok) return { ok: false as const, reason: grant.reason };
  const opener = grant.grant.agent === null ? agentFromLink(agent) : null;
  const pageToken = opener ? bindAgent(grant.grant, opener, config.secrets.session) : token!;
  const data = await loadWidgetPageData(db, config, grant.grant, now);
  return { ok: true as const, token: pageToken, data: JSON.parse(JSON.stringify(data)) as WidgetJson };
});

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { ticket } = await params;
  const { token, agent } = await searchParams;
  const res = await load(ticket, token, agent);
  if (!res.ok || !res.data.ticket) return { title: 'Ticket not available' };
  const who = res.data.view.customer?.name ?? res.data.ticket.customerName ?? res.data.ticket.customerEmail ?? 'unknown customer';
  return { title: `Ticket ${ticket} · ${who}` };
}

export default async function WidgetPage({ params, searchParams }: Props) {
  const { ticket } = await params;
  const { token, agent } = await searchParams;
  const res = await load(ticket, token, agent);
  if (!res.ok) unauthorized(); // app/unauthorized.tsx: 401, says how to get a fresh link
  if (!res.data.ticket) notFound(); // a valid link for a ticket Concord has never seen
  return <WidgetApp ticketId={ticket} token={res.token} initialData={res.data} />;
}
