import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db';
import { bindAgent } from '@/lib/auth/widget-link';
import { agentFromLink, checkWidgetGrant } from '@/lib/auth/widget-grant';
import { WidgetApp } from '@/components/widget/widget-app';

export const dynamic = 'force-dynamic';

// Gorgias opens this page from the sidebar card's link, which the widget template renders as
// `{{widget_url}}&agent={{current_user.email}}`: the first open binds that agent into the signed
// token the page then uses, so every action it takes is recorded as theirs.
export default async function WidgetPage({ params, searchParams }: { params: Promise<{ ticket: string }>; searchParams: Promise<{ token?: string; agent?: string }> }) {
  const { ticket } = await params;
  const { token, agent } = await searchParams;
  const secret = getConfig().secrets.session;
  const grant = await checkWidgetGrant(await getDb(), token, ticket, secret, new Date());
  if (!grant.ok) {
    return (
      <main className="mx-auto max-w-md p-6">
        <div role="alert" data-testid="link-error" className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900">
          <h1 className="mb-1 font-semibold">Can’t open this ticket</h1>
          <p>{grant.reason}</p>
        </div>
      </main>
    );
  }
  const opener = grant.grant.agent === null ? agentFromLink(agent) : null;
  return <WidgetApp ticketId={ticket} token={opener ? bindAgent(grant.grant, opener, secret) : token!} />;
}
