import type { Metadata } from 'next';

export const metadata: Metadata = { title: 'Link not valid' };

// Answered with 401 when a widget link is missing, forged, expired or for another ticket.
export default function Unauthorized() {
  return (
    <main className="mx-auto max-w-md p-6">
      <div role="alert" data-testid="link-error" className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950">
        <h1 className="mb-1 font-semibold">Can’t open this ticket</h1>
        <p>
          This link is not valid: it may have expired, been revoked, or belong to another ticket. Open the ticket’s link from the Gorgias
          sidebar again to get a fresh one.
        </p>
      </div>
    </main>
  );
}
