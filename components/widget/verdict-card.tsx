import type { WidgetJson } from './api';
import { Badge, Card } from './badges';

export function VerdictCard({ data }: { data: WidgetJson }) {
  const t = data.view.ticket;
  const v = data.verdict;
  return (
    <Card title="Intent & policy" id="verdict-title">
      {t?.intent ? (
        <div className="mb-3">
          <div className="flex items-center gap-2">
            <Badge tone="violet">{t.intent.replace(/_/g, ' ')}</Badge>
            <span className="text-xs text-slate-500">{Math.round((t.confidence ?? 0) * 100)}% confident</span>
          </div>
          <ul className="mt-1.5 list-disc space-y-0.5 pl-5 text-xs text-slate-600">
            {t.reasons.slice(0, 4).map((r, i) => (
              <li key={i}>{r}</li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="mb-3 text-slate-500">No customer message classified yet.</p>
      )}
      {v ? (
        <div data-testid="verdict" className={`rounded-lg p-3 ${v.decision === 'automate' ? 'bg-emerald-50' : 'bg-amber-50'}`}>
          <div className="mb-1 flex items-center gap-2">
            <Badge tone={v.decision === 'automate' ? 'green' : 'amber'}>{v.decision === 'automate' ? 'safe to automate' : 'human review'}</Badge>
            <span className="text-xs text-slate-500">next: {v.nextStep.replace(/_/g, ' ')}</span>
          </div>
          <p className="text-sm text-slate-800">{v.explanation}</p>
          {v.decision === 'human_review' && v.summary && (
            <p className="mt-2 rounded-md bg-white/70 p-2 text-xs text-slate-700" data-testid="case-summary">
              <span className="font-semibold">Summary for the reviewer: </span>
              {v.summary}
            </p>
          )}
          {v.reasons.length > 0 && (
            <ul className="mt-1.5 list-disc space-y-0.5 pl-5 text-xs text-slate-600">
              {v.reasons.map((r, i) => (
                <li key={i}>{r}</li>
              ))}
            </ul>
          )}
        </div>
      ) : (
        <p className="text-slate-500">No policy verdict yet.</p>
      )}
    </Card>
  );
}
