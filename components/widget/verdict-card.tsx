import { formatAge } from '@/lib/domain/format';
import type { WidgetJson } from './api';
import { Badge, Card } from './badges';
import { IntentCorrection } from './intent-correction';

const STEP_LABELS: Record<string, string> = {
  reply_tracking: 'Reply with tracking',
  cancel_order: 'Cancel the order',
  update_address: 'Update the address',
  create_return: 'Create the return',
  create_exchange: 'Create the exchange',
  assign_human_review: 'A person decides',
  reply: 'Reply',
};
const STATUS_WORDS: Record<string, string> = {
  pending: 'queued',
  done: 'done',
  failed: 'failed',
  recorded: 'done (demo: recorded)',
  shadow: 'shadow mode: not sent',
};

/** The first sentence: the one-line reason shown beside the recommendation. */
function firstSentence(text: string): string {
  const m = /^.*?[.!?](?=\s|$)/.exec(text.trim());
  return m ? m[0] : text.trim();
}

/**
 * Decision first: one recommendation with its one-line reason and when it was decided; what was
 * already done about it; and "Why?" for the reasons, the rule and the intent's evidence. Each
 * sentence appears once.
 */
export function VerdictCard({ data, ticketId, token }: { data: WidgetJson; ticketId: string; token: string }) {
  const t = data.view.ticket;
  const v = data.verdict;
  const reason = v ? firstSentence(v.explanation) : null;
  // After a step was taken, the first reason is that step's state, already shown above.
  const otherReasons = v
    ? (v.taken ? v.reasons.slice(1) : v.reasons).filter((r) => r.trim() !== v.explanation.trim() && r.trim() !== reason)
    : [];
  // Re-derived from the ticket's actions on every read (20.3): a step already asked for shows its
  // state, who asked and when, instead of being offered again.
  const taken = v?.taken ?? null;
  const failed = v && !taken ? data.actions.find((a) => a.kind === v.nextStep && a.status === 'failed') : undefined;
  const asOf = taken?.at ?? v?.decidedAt ?? data.view.asOf;
  const label = taken
    ? taken.toldCustomer
      ? 'Nothing more to do'
      : 'Tell the customer'
    : v
      ? (STEP_LABELS[v.nextStep] ?? v.nextStep.replace(/_/g, ' '))
      : '';
  return (
    <Card
      title="Recommendation"
      id="verdict-title"
      right={
        <span className="text-xs text-slate-600" title={String(asOf)}>
          as of {formatAge(asOf, data.now)}
        </span>
      }
    >
      {v ? (
        <div
          data-testid="verdict"
          className={`rounded-lg p-3 ${taken ? 'bg-sky-50' : v.decision === 'automate' ? 'bg-emerald-50' : 'bg-amber-50'}`}
        >
          <p className="flex flex-wrap items-center gap-2">
            {taken ? (
              <Badge tone={taken.status === 'pending' ? 'blue' : 'green'}>{STATUS_WORDS[taken.status] ?? taken.status}</Badge>
            ) : (
              <Badge tone={v.decision === 'automate' ? 'green' : 'amber'}>
                {v.decision === 'automate' ? 'safe to automate' : 'human review'}
              </Badge>
            )}
            <span className="text-sm font-semibold text-slate-900" data-testid="recommendation">
              {label}
            </span>
          </p>
          {taken ? (
            <p className="mt-1 text-sm text-slate-800" data-testid="recommendation-state" role="status">
              {v.explanation} <span className="text-xs text-slate-600">({formatAge(taken.at, data.now)})</span>
            </p>
          ) : (
            <p className="mt-1 text-sm text-slate-800">{reason}</p>
          )}
          {!taken && failed && (
            <p className="mt-2 rounded-md bg-rose-50 px-2 py-1 text-xs text-rose-900" role="status">
              {STEP_LABELS[failed.kind] ?? failed.kind} failed {formatAge(failed.createdAt, data.now)}:{' '}
              {failed.error ?? 'see the audit log'}.
            </p>
          )}
          {v.decision === 'human_review' && v.summary && v.summary.trim() !== v.explanation.trim() && (
            <p className="mt-2 rounded-md bg-white/70 p-2 text-xs text-slate-700" data-testid="case-summary">
              <span className="font-semibold">For the reviewer: </span>
              {v.summary}
            </p>
          )}
          <details className="mt-2 text-xs text-slate-700">
            <summary className="cursor-pointer font-medium text-slate-800">Why?</summary>
            {!taken && v.explanation.trim() !== reason && <p className="mt-1">{v.explanation}</p>}
            {otherReasons.length > 0 && (
              <ul className="mt-1 list-disc space-y-0.5 pl-5">
                {otherReasons.map((r, i) => (
                  <li key={i}>{r}</li>
                ))}
              </ul>
            )}
            {t?.intent && (
              <p className="mt-1">
                Read as <span className="font-medium">{t.intent.replace(/_/g, ' ')}</span> ({Math.round((t.confidence ?? 0) * 100)}%
                confident)
                {t.reasons.length ? `: ${t.reasons.slice(0, 3).join('; ')}` : ''}.
              </p>
            )}
            <p className="mt-1 text-slate-600">Rule {v.rule}; thresholds are in Admin → Settings.</p>
          </details>
          <IntentDisagreementNote data={data} />
          <IntentCorrection ticketId={ticketId} token={token} current={t?.intent ?? null} />
        </div>
      ) : (
        <>
          <p className="text-slate-600">
            {t?.intent ? `Read as ${t.intent.replace(/_/g, ' ')}; no policy verdict yet.` : 'No customer message classified yet.'}
          </p>
          <IntentDisagreementNote data={data} />
          {t && <IntentCorrection ticketId={ticketId} token={token} current={t.intent} />}
        </>
      )}
    </Card>
  );
}

/** Gorgias tagged the message with another intent than Concord's reading (20.6): both are shown. */
function IntentDisagreementNote({ data }: { data: WidgetJson }) {
  const d = data.intentDisagreement;
  if (!d) return null;
  return (
    <p className="mt-2 rounded-md bg-white/80 px-2 py-1 text-xs text-amber-900" data-testid="intent-disagreement">
      Gorgias tagged this <span className="font-medium">{d.gorgias}</span> ({d.gorgiasIntent.replace(/_/g, ' ')}); Concord reads{' '}
      {d.concord.replace(/_/g, ' ')}. If Gorgias is right, correct the intent below.
    </p>
  );
}
