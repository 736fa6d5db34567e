import { checkGrounding } from '@/lib/domain/grounding';
import { templateDraft } from '@/lib/domain/drafts/templates';
import { draftCtx, shipmentCtx } from '@/tests/helpers/draft-context-fixture';
import { INTENTS } from '@/lib/domain/types';
const show = process.argv[2];
for (const intent of INTENTS) for (const state of ['in_transit','delivered','delayed','exception','label_created','out_for_delivery','none'] as const) for (const decision of ['automate','human_review'] as const) for (const style of ['warm','concise','formal'] as const) {
  const allowed: any = decision === 'automate' ? { wismo: [], cancel: ['cancellation','refund'], address_change: ['address_change'], return_exchange: ['return_label','exchange','refund'], refund: ['refund'], damaged: ['replacement'], not_received: ['replacement'], other: [] }[intent] : [];
  const ctx = draftCtx({ intent, brand: { style }, shipments: state === 'none' ? [] : [shipmentCtx({ state, deliveredAt: state === 'delivered' ? '2026-11-22T17:00:00.000Z' : null, lastEventStatus: state === 'delivered' ? 'delivered' : state === 'exception' ? 'failure' : 'in_transit' })], verdict: { decision, allowedPromises: allowed } });
  const t = templateDraft(ctx);
  const g = checkGrounding(t.text, ctx);
  if (!g.ok) console.log('FAIL', intent, state, decision, style, t.templateId, g.spans.map(s=>`[${s.kind}] ${s.text}: ${s.reason}`), '\n', t.text);
  if (show && `${intent}/${state}/${decision}/${style}`.match(new RegExp(show))) console.log(`=== ${intent}/${state}/${decision}/${style} ${t.templateId}\n${t.text}\n`);
}
