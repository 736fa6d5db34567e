import crypto from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Config } from '@/lib/runtime/config';
import type { Db } from '@/lib/db/client';
import { actions, tickets } from '@/lib/db/schema';
import { overrideNeeded, planAction, type ActionParams, type PlanResult } from '@/lib/domain/action-plan';
import type { ActionKind, Order, Verdict } from '@/lib/domain/types';
import { AppError } from '@/lib/errors/app-error';
import { writeAudit, type Actor } from '@/lib/audit/write-audit';
import { recheckTicketVerdict } from '@/lib/actions/recheck-ticket-verdict';
import { replyChannel } from '@/lib/integrations/gorgias/reply-channel';
import { checkReplyText, describeFlags } from '@/lib/drafts/check-reply';
import { clearUnsentReply } from '@/lib/drafts/unsent-reply';
import type { GroundingSpan } from '@/lib/domain/grounding';
import { enqueueEffect } from '@/lib/outbox/enqueue';
import type { EffectCall } from '@/lib/outbox/effect-kinds';
import { getSettings } from '@/lib/settings/settings-store';
import { loadWidgetData } from '@/lib/ticket-context/load-ticket-context';
import { loadTakenActions } from '@/lib/actions/load-taken-actions';
import { formatAge } from '@/lib/domain/format';
import { PAIRED_STEPS, promisesNotQueued } from '@/lib/domain/drafts/unqueued-promises';

export interface ActionRequest {
  ticketShopId: string;
  ticketId: string;
  kind: ActionKind;
  params: ActionParams;
  confirm: boolean; // false: only say what would happen
  overrideReason?: string | null;
  idempotencyKey?: string | null;
  /** From the plan the agent saw: a confirmation made on state that has since changed is refused. */
  planToken?: string | null;
  /** A reply whose text fails the grounding check is sent only with this, and the audit says so. */
  sendAnyway?: boolean;
  actor: Actor;
}

export interface ActionOutcome {
  status: 'needs_confirmation' | 'queued' | 'duplicate';
  msg: string; // shown as Gorgias's toast: says exactly what happened
  plan: string;
  planToken: string | null;
  actionId: number | null;
  overridden: boolean;
  flags?: GroundingSpan[]; // a reply's statements the context doesn't back
  /** The same kind of action already asked for on this ticket (not failed): the plan warns about it. */
  repeatOf?: { actionId: number; kind: ActionKind; status: string; by: string; at: string } | null;
}

const REPEAT_STATUS: Record<string, string> = {
  pending: 'queued',
  done: 'done',
  recorded: 'done (demo: recorded)',
  shadow: 'shadow mode: not sent',
};

/** The state a plan was made on: the order's own version and the verdict's decision and rule. */
export function planToken(kind: ActionKind, plan: PlanResult & { ok: true }, order: Order | null, verdict: Verdict | null): string {
  const basis = JSON.stringify([
    kind,
    plan.summary,
    order?.updatedAt?.toISOString() ?? null,
    order?.cancelledAt?.toISOString() ?? null,
    order?.fulfillmentStatus ?? null,
    verdict?.decision ?? null,
    verdict?.rule ?? null,
  ]);
  return crypto.createHash('sha256').update(basis).digest('hex').slice(0, 24);
}

/**
 * A person asks for an action. First call (confirm=false) returns the plan and its token; the
 * confirmed call re-decides the policy on the current state inside the transaction that queues the
 * action, refuses a confirmation whose plan was made on older state, asks for a reason to act against
 * the current verdict, and writes the action, its audit entry and its outbox effects together.
 */
export async function requestAction(db: Db, config: Config, req: ActionRequest, now: Date): Promise<ActionOutcome> {
  const data = await loadWidgetData(db, config, { ticketShopId: req.ticketShopId, ticketId: req.ticketId, email: null }, now);
  if (!data.view.ticket)
    throw new AppError('unknown_ticket', `Concord has no ticket ${req.ticketId}. It appears once Gorgias sends the ticket's first event.`);
  const focusOrderId =
    data.bundles.find((b) => b.bundle.order?.id === data.match.focusOrderId)?.bundle.order?.id ?? data.bundles[0]?.bundle.order?.id ?? null;
  const shopId = data.view.shop.id;
  const settings = await getSettings(db, shopId);
  const key = actionKey(shopId, req);
  const senderEmail = req.actor.id && /@/.test(req.actor.id) ? req.actor.id : null;

  const paired = Boolean(req.params.reply?.trim()) && req.kind in PAIRED_STEPS;
  if (req.params.reply?.trim() && !paired)
    throw new AppError('reply_not_pairable', `A reply can go with ${Object.keys(PAIRED_STEPS).join(', ')}; send it on its own instead.`);
  const decide = async (tx: Db) => {
    const state = await recheckTicketVerdict(tx, {
      shopId,
      ticketShopId: req.ticketShopId,
      ticketId: req.ticketId,
      orderId: focusOrderId,
      match: data.match,
      settings,
      now,
      lock: req.confirm,
    });
    const channel = replyChannel(state.ticket?.channel, {
      email: state.ticket?.customerEmail ?? null,
      phone: state.ticket?.customerPhones?.[0] ?? null,
    });
    const planCtx = {
      order: state.order,
      settings,
      customerMessage: state.message,
      reply: {
        channel,
        receiverEmail: state.ticket?.customerEmail ?? data.view.customer?.email ?? null,
        receiverPhone: state.ticket?.customerPhones?.[0] ?? null,
        customerId: state.ticket?.gorgiasCustomerId ?? null,
        senderEmail,
      },
      key,
      now,
    };
    const own = planAction(req.kind, req.params, planCtx);
    if (!own.ok) throw new AppError('action_not_possible', own.reason);
    // "Send reply and cancel": the reply rides on the step and is queued only once Shopify has done it.
    const replyPlan = paired ? planAction('reply', { body: req.params.reply }, planCtx) : null;
    if (replyPlan && !replyPlan.ok) throw new AppError('action_not_possible', replyPlan.reason);
    const plan = replyPlan?.ok
      ? {
          ...own,
          summary: `${own.summary} Then send your reply to the customer, once Shopify has done it (if it can't, the reply is not sent).`,
        }
      : own;
    return {
      ...state,
      plan,
      replyEffect: replyPlan?.ok ? replyPlan.effects[0] : null,
      token: planToken(req.kind, plan, state.order, state.verdict),
    };
  };

  // A reply typed or edited by hand gets the same grounding check as a draft (issue 14.8).
  const isReply = req.kind === 'reply' || req.kind === 'reply_tracking';
  const replyText = isReply ? (req.params.body ?? '') : paired ? req.params.reply! : null;
  const checked =
    replyText !== null
      ? await checkReplyText(db, config, { ticketShopId: req.ticketShopId, ticketId: req.ticketId, text: replyText }, now)
      : null;
  // A reply on its own that says the step is done while nothing asked for it (20.5): flagged like any unbacked statement.
  const early = replyText !== null && req.kind === 'reply' ? promisesNotQueued(replyText, data.verdict, null) : [];
  const grounding = checked ? { ok: checked.ok && early.length === 0, spans: [...checked.spans, ...early] } : null;
  const flags = grounding && !grounding.ok ? grounding.spans : [];
  const unbacked = flags.length
    ? ` Concord can’t back ${flags.length} statement${flags.length === 1 ? '' : 's'} in it: ${describeFlags(grounding!)}.${early.length ? ` ${early[0].reason}` : ''}`
    : '';
  const sentAnyway = flags.length > 0;

  if (!req.confirm) {
    const { plan, verdict, token } = await decide(db);
    const conflict = overrideNeeded(req.kind, verdict);
    // A repeat warns (20.3): the same kind already asked for on this ticket, and not failed or stopped.
    const prior = (await loadTakenActions(db, shopId, req.ticketId)).find(
      (a) => a.kind === req.kind && a.status !== 'failed' && a.status !== 'stopped',
    );
    const repeatOf = prior
      ? {
          actionId: prior.id,
          kind: req.kind,
          status: prior.status,
          by: prior.actor,
          at: (prior.completedAt ?? prior.createdAt).toISOString(),
        }
      : null;
    const repeat = prior
      ? ` Already asked: ${req.kind.replace(/_/g, ' ')}, ${REPEAT_STATUS[prior.status] ?? prior.status}, by ${prior.actor} ${formatAge(prior.completedAt ?? prior.createdAt, now)} (action ${prior.id}). Confirm only if it should happen again.`
      : '';
    return {
      status: 'needs_confirmation',
      msg: `Not done yet.${repeat} ${plan.summary}${unbacked}${conflict ? ` ${conflict} Confirm with a reason to override.` : ''}`,
      repeatOf,
      plan: plan.summary,
      planToken: token,
      actionId: null,
      overridden: conflict !== null,
      flags,
    };
  }
  if (flags.length && !req.sendAnyway) {
    throw new AppError('reply_not_grounded', `Not sent.${unbacked} Fix the text, or send it anyway (that is recorded in the audit log).`);
  }

  return db.transaction(async (tx) => {
    await expireActionKey(tx, key, now);
    // Re-decided here, on the state this transaction sees (the order row is locked), not on the verdict
    // stored when the message arrived.
    const { plan, verdict, token, order, ticket, replyEffect } = await decide(tx);
    if (req.planToken && req.planToken !== token) {
      throw new AppError(
        'stale_confirmation',
        `The order or the policy changed since this plan was made, so the confirmation was refused and nothing was done. Now: ${verdict?.explanation ?? 'no verdict'} Review the new plan: ${plan.summary}`,
      );
    }
    const conflict = overrideNeeded(req.kind, verdict);
    const overridden = conflict !== null;
    if (overridden && !req.overrideReason?.trim()) {
      throw new AppError('override_reason_required', `${conflict} To do it anyway, give a reason; it is kept in the audit log.`);
    }
    const inserted = await tx
      .insert(actions)
      .values({
        shopId,
        ticketId: req.ticketId,
        orderId: order?.id ?? null,
        kind: req.kind,
        params: { ...req.params, resolved: plan.choices },
        verdict,
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
      return {
        status: 'duplicate',
        msg: `Already requested (action ${prior?.id}, ${prior?.status}); nothing was done twice.`,
        plan: plan.summary,
        planToken: token,
        actionId: prior?.id ?? null,
        overridden,
      };
    }
    const actionId = inserted[0].id;
    const routing = { tagPrefix: settings.routing.tagPrefix, teamId: settings.routing.humanReviewTeamId };
    for (const [i, effect] of plan.effects.entries()) {
      // The paired reply: queued by the outbox only once this step went through (never before, never twice).
      // (Its kind and payload come from one planned effect, so they match; the runner checks the payload again.)
      const then =
        i === 0 && replyEffect
          ? {
              then: [
                {
                  kind: replyEffect.kind,
                  payload: { ticketId: req.ticketId, ...replyEffect.payload, routing },
                  idempotencyKey: `${key}:${actionId}:then:${replyEffect.kind}`,
                } as EffectCall,
              ],
            }
          : {};
      await enqueueEffect(tx, {
        shopId,
        kind: effect.kind,
        actionId,
        idempotencyKey: `${key}:${actionId}:${effect.kind}`, // the action id: a key reused after it expired makes new effects
        payload: { ticketId: req.ticketId, ...effect.payload, routing, ...then },
        // A store credit has no way to find its own earlier result: a lost answer goes to a person, never a second credit.
        ...(effect.kind === 'shopify.store_credit' ? { maxAttempts: 1 } : {}),
      });
    }
    // The re-decided verdict replaces the stored one; the case summary written when the ticket was routed stays.
    if (ticket && verdict) {
      await tx
        .update(tickets)
        .set({
          verdict: {
            ...verdict,
            summary: verdict.summary ?? (ticket.verdict as Verdict | null)?.summary ?? null,
            decidedAt: now.toISOString(),
          },
          updatedAt: now,
        })
        .where(eq(tickets.id, ticket.id));
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
      explanation: `${req.actor.id ?? req.actor.type} asked: ${plan.summary}${overridden ? ` Override of the policy (${conflict}) because: ${req.overrideReason!.trim()}` : ` Policy, re-checked now: ${verdict?.explanation ?? 'no verdict'}`}${sentAnyway ? ` Sent anyway although the grounding check flagged ${describeFlags(grounding!)}.` : ''}`,
      after: {
        kind: req.kind,
        params: req.params,
        resolved: plan.choices,
        overridden,
        effects: plan.effects.map((e) => e.kind),
        ...(sentAnyway ? { sentAnyway: true, flags: flags.map((f) => ({ kind: f.kind, text: f.text })) } : {}),
      },
    });
    // The text is on its way: the saved, unsent copy would only come back as a second reply.
    if (replyText !== null) await clearUnsentReply(tx, { shopId: req.ticketShopId, ticketId: req.ticketId });
    const live = config.demoMode ? ' (demo mode: the call is recorded, not sent)' : '';
    return {
      status: 'queued',
      msg: `Done: ${plan.summary.replace(/ Cancelling cannot be undone\.$/, '')} Queued as action ${actionId}${live}.`,
      plan: plan.summary,
      planToken: token,
      actionId,
      overridden,
    };
  });
}

// A caller's idempotency key only dedupes inside its own store and ticket (one ticket's link can't
// pre-claim another ticket's action), and only for a day.
const ACTION_KEY_TTL_MS = 24 * 3600_000;

function actionKey(shopId: string, req: ActionRequest): string {
  const scope = `action:${shopId}:${req.ticketId}`;
  if (req.idempotencyKey) return `${scope}:key:${req.idempotencyKey}`;
  return `${scope}:${req.kind}:${crypto.createHash('sha256').update(JSON.stringify(req.params)).digest('hex').slice(0, 16)}`;
}

/** An action older than the key's lifetime gives its key up (renamed, kept for the record). */
async function expireActionKey(tx: Db, key: string, now: Date): Promise<void> {
  await tx
    .update(actions)
    .set({ idempotencyKey: sql`${actions.idempotencyKey} || ':expired:' || ${actions.id}` })
    .where(and(eq(actions.idempotencyKey, key), lt(actions.createdAt, new Date(now.getTime() - ACTION_KEY_TTL_MS))));
}
