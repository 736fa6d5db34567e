import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Config } from '@/lib/config';
import type { Db } from '@/lib/db/client';
import { actions } from '@/lib/db/schema';
import { overrideNeeded, planAction, type ActionParams } from '@/lib/domain/action-plan';
import type { ActionKind } from '@/lib/domain/types';
import { HttpError } from '@/lib/http/responses';
import { writeAudit, type Actor } from '@/lib/audit';
import { checkReplyText, describeFlags } from '@/lib/drafts/check-reply';
import { clearUnsentReply } from '@/lib/drafts/unsent-reply';
import type { GroundingSpan } from '@/lib/domain/grounding';
import { enqueueEffect } from '@/lib/outbox/enqueue';
import { getSettings } from '@/lib/settings-store';
import { loadWidgetData } from '@/lib/widget-view';

export interface ActionRequest {
  ticketShopId: string;
  ticketId: string;
  kind: ActionKind;
  params: ActionParams;
  confirm: boolean; // false: only say what would happen
  overrideReason?: string | null;
  idempotencyKey?: string | null;
  /** A reply whose text fails the grounding check is sent only with this, and the audit says so. */
  sendAnyway?: boolean;
  actor: Actor;
}

export interface ActionOutcome {
  status: 'needs_confirmation' | 'queued' | 'duplicate';
  msg: string; // shown as Gorgias's toast: says exactly what happened
  plan: string;
  actionId: number | null;
  overridden: boolean;
  flags?: GroundingSpan[]; // a reply's statements the context doesn't back
}

/**
 * A person asks for a policy action. First call (confirm=false) returns the plan; the confirmed
 * call writes the action, its audit entry and its outbox effects in one transaction. Acting
 * against the verdict needs a reason and is recorded as an override.
 */
export async function requestAction(db: Db, config: Config, req: ActionRequest, now: Date): Promise<ActionOutcome> {
  const data = await loadWidgetData(db, config, { ticketShopId: req.ticketShopId, ticketId: req.ticketId, email: null }, now);
  if (!data.view.ticket) throw new HttpError(404, 'unknown_ticket', `Concord has no ticket ${req.ticketId}. It appears once Gorgias sends the ticket's first event.`);
  const focus = data.bundles.find((b) => b.bundle.order?.id === data.match.focusOrderId)?.bundle ?? data.bundles[0]?.bundle ?? null;
  const order = focus?.order ?? null;
  const plan = planAction(req.kind, req.params, order);
  if (!plan.ok) throw new HttpError(409, 'action_not_possible', plan.reason);
  const conflict = overrideNeeded(req.kind, data.verdict);
  const overridden = conflict !== null;
  // A reply typed or edited by hand gets the same grounding check as a draft (issue 14.8).
  const isReply = req.kind === 'reply' || req.kind === 'reply_tracking';
  const grounding = isReply ? await checkReplyText(db, config, { ticketShopId: req.ticketShopId, ticketId: req.ticketId, text: req.params.body ?? '' }, now) : null;
  const flags = grounding && !grounding.ok ? grounding.spans : [];
  const unbacked = flags.length ? ` Concord can’t back ${flags.length} statement${flags.length === 1 ? '' : 's'} in it: ${describeFlags(grounding!)}.` : '';
  if (!req.confirm) {
    return {
      status: 'needs_confirmation',
      msg: `Not done yet. ${plan.summary}${unbacked}${conflict ? ` ${conflict} Confirm with a reason to override.` : ''}`,
      plan: plan.summary,
      actionId: null,
      overridden,
      flags,
    };
  }
  if (flags.length && !req.sendAnyway) {
    throw new HttpError(409, 'reply_not_grounded', `Not sent.${unbacked} Fix the text, or send it anyway (that is recorded in the audit log).`);
  }
  const sentAnyway = flags.length > 0;
  if (overridden && !req.overrideReason?.trim()) {
    throw new HttpError(409, 'override_reason_required', `${conflict} To do it anyway, give a reason; it is kept in the audit log.`);
  }
  const shopId = data.view.shop.id;
  const settings = await getSettings(db, shopId);
  const key =
    req.idempotencyKey ??
    `action:${req.ticketId}:${req.kind}:${crypto.createHash('sha256').update(JSON.stringify(req.params)).digest('hex').slice(0, 16)}`;
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(actions)
      .values({
        shopId,
        ticketId: req.ticketId,
        orderId: order?.id ?? null,
        kind: req.kind,
        params: req.params,
        verdict: data.verdict,
        overridden,
        overrideReason: overridden ? req.overrideReason!.trim() : null,
        actorType: req.actor.type,
        actorId: req.actor.id ?? null,
        idempotencyKey: key,
      })
      .onConflictDoNothing()
      .returning({ id: actions.id });
    if (inserted.length === 0) {
      const [prior] = await tx.select({ id: actions.id, status: actions.status }).from(actions).where(eq(actions.idempotencyKey, key));
      return { status: 'duplicate', msg: `Already requested (action ${prior?.id}, ${prior?.status}); nothing was done twice.`, plan: plan.summary, actionId: prior?.id ?? null, overridden };
    }
    const actionId = inserted[0].id;
    const base = { ticketId: req.ticketId, orderId: order?.id ?? null };
    for (const effect of plan.effects) {
      if (effect === 'gorgias.assign' && settings.routing.humanReviewTeamId === null) continue; // no review team configured
      await enqueueEffect(tx, {
        shopId,
        kind: effect,
        actionId,
        idempotencyKey: `${key}:${effect}`,
        payload: effectPayload(effect, req, base, settings.routing, data.view.customer?.email ?? null),
      });
    }
    await writeAudit(tx, {
      shopId,
      actor: req.actor,
      action: `action.${req.kind}`,
      subjectType: 'action',
      subjectId: String(actionId),
      ticketId: req.ticketId,
      orderId: order?.id ?? null,
      customerEmail: data.view.customer?.email ?? null,
      explanation: `${req.actor.id ?? req.actor.type} asked: ${plan.summary}${overridden ? ` Override of the policy (${conflict}) because: ${req.overrideReason!.trim()}` : ` Policy: ${data.verdict?.explanation ?? 'no verdict'}`}${sentAnyway ? ` Sent anyway although the grounding check flagged ${describeFlags(grounding!)}.` : ''}`,
      after: { kind: req.kind, params: req.params, overridden, ...(sentAnyway ? { sentAnyway: true, flags: flags.map((f) => ({ kind: f.kind, text: f.text })) } : {}) },
    });
    // The text is on its way: the saved, unsent copy would only come back as a second reply.
    if (isReply) await clearUnsentReply(tx, { shopId: req.ticketShopId, ticketId: req.ticketId });
    const live = config.demoMode ? ' (demo mode: the call is recorded, not sent)' : '';
    return { status: 'queued', msg: `Done: ${plan.summary.replace(/ Cancelling cannot be undone\.$/, '')} Queued as action ${actionId}${live}.`, plan: plan.summary, actionId, overridden };
  });
}

function effectPayload(
  effect: string,
  req: ActionRequest,
  base: { ticketId: string; orderId: string | null },
  routing: { tagPrefix: string; humanReviewTeamId: number | null },
  customerEmail: string | null,
): Record<string, unknown> {
  const p = req.params;
  switch (effect) {
    case 'shopify.cancel_order':
      return { ...base, reason: 'CUSTOMER', refund: p.refund ?? true, restock: p.restock ?? true, notifyCustomer: p.notifyCustomer ?? true, staffNote: p.reason ?? null };
    case 'shopify.update_address':
      return { ...base, address: p.address };
    case 'shopify.create_return':
      return { ...base, reason: p.reason ?? 'OTHER', note: req.kind === 'create_exchange' ? 'Exchange requested via Concord' : 'Return created via Concord' };
    case 'shopify.tag_order':
      return { ...base, tags: req.kind === 'create_exchange' ? ['exchange-requested'] : p.tags };
    case 'gorgias.internal_note':
      return { ...base, body: p.body };
    case 'gorgias.send_reply':
      return { ...base, body: p.body, receiverEmail: customerEmail };
    case 'gorgias.add_tags':
      return { ...base, tags: [`${routing.tagPrefix}human-review`] };
    case 'gorgias.assign':
      return { ...base, teamId: routing.humanReviewTeamId };
    default:
      return base;
  }
}
