import Link from 'next/link';
import { and, desc, eq } from 'drizzle-orm';
import { getConfig } from '@/lib/runtime/config';
import { pageSession } from '@/lib/http/page-session';
import { getDb } from '@/lib/db';
import { messages, tickets } from '@/lib/db/schema';
import { widgetUrl } from '@/lib/auth/widget-link';
import { buildSidebarJson } from '@/lib/domain/sidebar';
import { loadWidgetData } from '@/lib/ticket-context/load-ticket-context';
import { SidebarPreview } from '@/components/inbox/sidebar-preview';
import type { Verdict } from '@/lib/domain/types';
import { formatDateTime } from '@/lib/domain/format';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Inbox' };

// Outside demo mode `/` is a plain landing that shows nothing of any customer. In demo mode it is
// the demo inbox (a Gorgias-like ticket view with the real widget beside the conversation), and
// even there only for someone signed in.
export default async function HomePage({ searchParams }: { searchParams: Promise<{ ticket?: string }> }) {
  const config = getConfig();
  if (!config.demoMode) return <Landing />;
  const { ticket } = await searchParams;
  const session = await pageSession('lead', ticket ? `/?ticket=${encodeURIComponent(ticket)}` : '/');
  return <DemoInbox searchParams={searchParams} agent={session.email} />;
}

function Landing() {
  return (
    <main className="mx-auto mt-16 max-w-lg rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
      <h1 className="text-lg font-semibold text-brand-700">Concord</h1>
      <p className="mt-2 text-sm text-slate-600">
        Post-purchase operations for this store: agents work in the Gorgias sidebar; leads and admins sign in to review drafts, settings and
        the audit log.
      </p>
      <p className="mt-4 text-sm">
        <Link className="font-medium text-brand-700 hover:underline" href="/login">
          Sign in
        </Link>
      </p>
    </main>
  );
}

async function DemoInbox({ searchParams, agent }: { searchParams: Promise<{ ticket?: string }>; agent: string }) {
  const config = getConfig();
  const db = await getDb();
  const now = new Date();
  const list = await db.select().from(tickets).orderBy(desc(tickets.lastCustomerMessageAt), desc(tickets.id)).limit(100);
  const { ticket: selectedId } = await searchParams;
  const selected = list.find((t) => t.gorgiasTicketId === selectedId) ?? list[0];
  const convo = selected
    ? await db
        .select()
        .from(messages)
        .where(and(eq(messages.shopId, selected.shopId), eq(messages.ticketId, selected.gorgiasTicketId)))
        .orderBy(messages.gorgiasCreatedAt, messages.id)
    : [];
  const view = selected
    ? (await loadWidgetData(db, config, { ticketShopId: selected.shopId, ticketId: selected.gorgiasTicketId, email: null }, now)).view
    : null;
  const sidebar = view ? buildSidebarJson(view, now) : null;
  const locale = view?.shop.locale; // the store's display.locale setting
  const liveUrl = selected
    ? widgetUrl('', { ticketId: selected.gorgiasTicketId, shopId: selected.shopId, agent }, config.secrets.session, now)
    : null;

  return (
    <div className="flex h-screen flex-col">
      <header className="flex items-center justify-between border-b border-slate-200 bg-white px-4 py-2">
        <div className="flex items-center gap-3">
          <span className="text-lg font-bold text-brand-700">Concord</span>
          <span className="text-sm text-slate-600">Demo inbox — a Gorgias-like ticket view with Concord’s sidebar</span>
        </div>
        <nav className="flex gap-3 text-sm">
          <Link className="text-brand-700 hover:underline" href="/admin">
            Admin
          </Link>
          <Link className="text-brand-700 hover:underline" href="/api/health">
            Health
          </Link>
        </nav>
      </header>
      {list.length === 0 ? (
        <main className="p-8 text-slate-600">
          No tickets yet. Point a Gorgias HTTP integration at <code>/api/gorgias/widget</code> (see Admin → Setup), or run in demo mode.
        </main>
      ) : (
        <div className="grid min-h-0 flex-1 grid-cols-[18rem_1fr_26rem]">
          <nav aria-label="Tickets" className="overflow-y-auto border-r border-slate-200 bg-white">
            <ul>
              {list.map((t) => {
                const v = t.verdict as Verdict | null;
                return (
                  <li key={t.id}>
                    <Link
                      href={`/?ticket=${t.gorgiasTicketId}`}
                      aria-current={t.id === selected?.id ? 'page' : undefined}
                      className={`block border-b border-slate-100 px-3 py-2.5 hover:bg-slate-50 ${t.id === selected?.id ? 'bg-brand-50' : ''}`}
                      data-testid="ticket-link"
                    >
                      <p className="truncate text-sm font-medium">{t.subject ?? '(no subject)'}</p>
                      <p className="truncate text-xs text-slate-600">{t.customerName ?? t.customerEmail}</p>
                      <p className="mt-1 flex gap-1 text-[11px]">
                        {t.intent && <span className="rounded bg-violet-100 px-1.5 text-violet-800">{t.intent.replace(/_/g, ' ')}</span>}
                        {v && (
                          <span
                            className={`rounded px-1.5 ${v.decision === 'automate' ? 'bg-emerald-100 text-emerald-800' : 'bg-amber-100 text-amber-900'}`}
                          >
                            {v.decision === 'automate' ? 'automatable' : 'human review'}
                          </span>
                        )}
                        {t.status === 'closed' && <span className="rounded bg-slate-100 px-1.5 text-slate-600">closed</span>}
                      </p>
                    </Link>
                  </li>
                );
              })}
            </ul>
          </nav>
          <main className="overflow-y-auto p-5">
            {selected && (
              <>
                <h1 className="text-lg font-semibold">{selected.subject ?? '(no subject)'}</h1>
                <p className="mb-4 text-sm text-slate-600">
                  {selected.customerName} &lt;{selected.customerEmail}&gt; · {selected.channel} · ticket {selected.gorgiasTicketId}
                </p>
                <ol className="space-y-3">
                  {convo.map((m) => (
                    <li
                      key={m.id}
                      className={`max-w-2xl rounded-xl p-3 text-sm shadow-sm ${m.internalNote ? 'ml-8 border border-amber-200 bg-amber-50' : m.fromAgent ? 'ml-8 bg-brand-50' : 'bg-white ring-1 ring-slate-200'}`}
                    >
                      <p className="mb-1 text-xs text-slate-600">
                        {m.internalNote ? 'Internal note · ' : ''}
                        {m.senderName ?? m.senderEmail} · {formatDateTime(m.gorgiasCreatedAt ?? m.createdAt, locale)}
                        {m.attachmentCount > 0 ? ` · 📎 ${m.attachmentCount}` : ''}
                      </p>
                      <p className="whitespace-pre-wrap">{m.bodyText}</p>
                    </li>
                  ))}
                </ol>
                {sidebar && (
                  <details className="mt-6 max-w-2xl rounded-xl border border-slate-200 bg-white p-3 text-sm">
                    <summary className="cursor-pointer font-medium">What Gorgias’s own sidebar shows (the HTTP integration’s JSON)</summary>
                    <SidebarPreview json={sidebar} />
                  </details>
                )}
              </>
            )}
          </main>
          <aside aria-label="Concord widget" className="min-h-0 border-l border-slate-200 bg-slate-100">
            {liveUrl && <iframe title="Concord widget" src={liveUrl} className="h-full w-full" data-testid="widget-frame" />}
          </aside>
        </div>
      )}
    </div>
  );
}
