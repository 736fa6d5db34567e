import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getDb } from '@/lib/db';
import { pageSession } from '@/lib/http/page-session';
import { loadDraftDetail } from '@/lib/review/load-draft-review';
import { diffWords } from '@/lib/domain/edit-distance';
import { ACCEPTANCE_DEFINITION } from '@/lib/domain/draft-review';
import { AdminNav } from '@/components/admin-nav';
import { Badge, Card, fmtDateTime, pct, Stat } from '@/components/admin/ui';
import { InlineDiff, SideBySideDiff } from '@/components/review/diff-view';
import { TeachButton } from '@/components/review/teach-button';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return { title: /^\d{1,15}$/.test(id) ? `Draft ${id}` : 'Draft' };
}

export default async function DraftDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const { id: raw } = await params;
  const session = await pageSession('lead', `/admin/review/${encodeURIComponent(raw)}`);
  const id = /^\d{1,15}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  const detail = await loadDraftDetail(await getDb(), id);
  if (!detail) notFound();
  const { draft, item, ticket, customerMessage, taught, grounding } = detail;
  const parts = item ? diffWords(draft.output, item.sentText) : [];
  const flagged = grounding && grounding.ok === false ? (grounding.spans ?? []) : [];

  return (
    <>
      <AdminNav session={session} current="/admin/review" />
      <main className="mx-auto max-w-6xl space-y-5 p-4">
        <nav aria-label="Breadcrumb" className="text-sm">
          <Link href="/admin/review" className="text-brand-700 hover:underline">
            ← Draft review
          </Link>
        </nav>
        <header className="flex flex-wrap items-start justify-between gap-3">
          <div>
            <h1 className="text-lg font-semibold">
              Draft {draft.id} · ticket{' '}
              <Link href={`/?ticket=${encodeURIComponent(draft.ticketId)}`} className="text-brand-700 underline">
                #{draft.ticketId}
              </Link>
            </h1>
            <p className="text-sm text-slate-600">
              {ticket?.subject ?? '(no subject)'} · {ticket?.customerName ?? ticket?.customerEmail ?? 'unknown customer'}
            </p>
            <p className="mt-1 flex flex-wrap gap-1.5 text-xs">
              <Badge tone="violet">{(draft.intent ?? 'unclassified').replace(/_/g, ' ')}</Badge>
              <Badge>
                {item?.version ?? (draft.source === 'template' ? `template:${draft.templateId}` : (draft.promptVersion ?? 'unversioned'))}
              </Badge>
              {draft.model && <Badge>{draft.model}</Badge>}
              <Badge>{draft.status.replace(/_/g, ' ')}</Badge>
              {flagged.length > 0 && <Badge tone="rose">grounding flagged</Badge>}
            </p>
          </div>
          {item && <TeachButton draftId={draft.id} csrf={session.csrf} initiallyTaught={draft.teach} />}
        </header>

        {!item ? (
          <Card id="unsent">
            <p className="text-sm text-slate-600">
              No agent has sent a reply for this draft yet, so there is nothing to compare. It shows up here once the agent’s reply comes
              back from Gorgias.
            </p>
            <pre className="mt-3 whitespace-pre-wrap rounded-lg bg-slate-50 p-3 text-sm">{draft.output}</pre>
          </Card>
        ) : (
          <>
            <section aria-label="How much changed" className="grid grid-cols-2 gap-3 md:grid-cols-4">
              <Stat
                label="Outcome"
                value={item.accepted ? 'Accepted' : 'Edited'}
                tone={item.accepted ? 'green' : 'amber'}
                hint={ACCEPTANCE_DEFINITION.split(':')[0]}
              />
              <Stat label="Word edits" value={item.editDistance} hint="words inserted, deleted or replaced" />
              <Stat label="Share of the draft kept" value={pct(item.keptRatio)} />
              <Stat
                label="Sent"
                value={<span className="text-base">{fmtDateTime(draft.sentAt)}</span>}
                hint={draft.sentBy ?? 'agent unknown'}
              />
            </section>
            {taught && (
              <p className="text-sm text-sky-900">
                Taught by {taught.createdBy} on {fmtDateTime(taught.createdAt)}.
              </p>
            )}
            {customerMessage && (
              <Card id="customer" title="The customer wrote">
                <p className="whitespace-pre-wrap text-sm text-slate-700">{customerMessage.bodyText}</p>
              </Card>
            )}
            <Card
              id="diff"
              title="Draft and sent reply"
              actions={
                <p className="flex gap-3 text-xs text-slate-600" aria-label="Legend">
                  <span>
                    <del className="rounded-sm bg-rose-100 px-1 text-rose-900 line-through">removed</del> by the agent
                  </span>
                  <span>
                    <ins className="rounded-sm bg-emerald-100 px-1 text-emerald-900 underline">added</ins> by the agent
                  </span>
                </p>
              }
            >
              <SideBySideDiff parts={parts} />
              <details className="mt-4">
                <summary className="cursor-pointer text-sm text-brand-700">Inline diff</summary>
                <div className="mt-2 rounded-lg bg-slate-50 p-3 ring-1 ring-slate-200">
                  <InlineDiff parts={parts} />
                </div>
              </details>
            </Card>
          </>
        )}
        {flagged.length > 0 && (
          <Card id="grounding" title="Grounding check">
            <p className="mb-2 text-sm text-slate-600">
              The grounding check flagged these parts of the draft, so it could never be sent automatically:
            </p>
            <ul className="list-inside list-disc text-sm">
              {flagged.map((s, i) => (
                <li key={i}>
                  “{s.text}”{' '}
                  <span className="text-slate-500">
                    ({s.kind.replace(/_/g, ' ')}
                    {s.reason ? `: ${s.reason}` : ''})
                  </span>
                </li>
              ))}
            </ul>
          </Card>
        )}
      </main>
    </>
  );
}
