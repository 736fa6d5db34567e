import { getConfig } from '@/lib/config';
import { verifyWidgetToken } from '@/lib/auth/widget-link';
import { WidgetApp } from '@/components/widget/widget-app';

export const dynamic = 'force-dynamic';

export default async function WidgetPage({ params, searchParams }: { params: Promise<{ ticket: string }>; searchParams: Promise<{ token?: string }> }) {
  const { ticket } = await params;
  const { token } = await searchParams;
  const grant = verifyWidgetToken(token, ticket, getConfig().secrets.session, new Date());
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
  return <WidgetApp ticketId={ticket} token={token!} />;
}
