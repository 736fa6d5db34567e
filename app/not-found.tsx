import type { Metadata } from 'next';

export const metadata: Metadata = { title: 'Not found' };

// 404 for unknown pages and for a valid link to a ticket Concord has never seen.
export default function NotFound() {
  return (
    <main className="mx-auto max-w-md p-6">
      <div role="alert" data-testid="not-found" className="rounded-lg border border-slate-300 bg-white p-4 text-sm text-slate-900">
        <h1 className="mb-1 font-semibold">Nothing here</h1>
        <p>
          Concord has no such page or ticket. A ticket appears once Gorgias sends its first event; if it is new, wait a moment and open the
          link from the Gorgias sidebar again.
        </p>
      </div>
    </main>
  );
}
