import type { DiffPart } from '@/lib/domain/edit-distance';

// Word diff rendering: removed words struck through in red, added words underlined in green, so
// the change reads without colour too.

const removed = 'rounded-sm bg-rose-100 text-rose-900 line-through decoration-rose-500';
const added = 'rounded-sm bg-emerald-100 text-emerald-900 underline decoration-emerald-500';

export function InlineDiff({ parts }: { parts: DiffPart[] }) {
  return (
    <p className="whitespace-pre-wrap text-sm leading-relaxed">
      {parts.map((p, i) =>
        p.op === 'same' ? (
          <span key={i}>{p.text}</span>
        ) : p.op === 'removed' ? (
          <del key={i} className={removed}>
            <span className="sr-only">[removed: </span>
            {p.text}
            <span className="sr-only">]</span>
          </del>
        ) : (
          <ins key={i} className={added}>
            <span className="sr-only">[added: </span>
            {p.text}
            <span className="sr-only">]</span>
          </ins>
        ),
      )}
    </p>
  );
}

/** The draft with what was removed, and the sent reply with what was added, next to each other. */
export function SideBySideDiff({ parts }: { parts: DiffPart[] }) {
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <figure className="rounded-lg bg-slate-50 p-3 ring-1 ring-slate-200">
        <figcaption className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">Draft</figcaption>
        <p className="whitespace-pre-wrap text-sm leading-relaxed">
          {parts
            .filter((p) => p.op !== 'added')
            .map((p, i) =>
              p.op === 'same' ? (
                <span key={i}>{p.text}</span>
              ) : (
                <del key={i} className={removed}>
                  {p.text}
                </del>
              ),
            )}
        </p>
      </figure>
      <figure className="rounded-lg bg-slate-50 p-3 ring-1 ring-slate-200">
        <figcaption className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">Sent by the agent</figcaption>
        <p className="whitespace-pre-wrap text-sm leading-relaxed">
          {parts
            .filter((p) => p.op !== 'removed')
            .map((p, i) =>
              p.op === 'same' ? (
                <span key={i}>{p.text}</span>
              ) : (
                <ins key={i} className={added}>
                  {p.text}
                </ins>
              ),
            )}
        </p>
      </figure>
    </div>
  );
}
