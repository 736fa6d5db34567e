import { z } from 'zod';
import type { Config } from '@/lib/runtime/config';
import type { Db } from '@/lib/db/client';
import type { WidgetCaller } from '@/lib/auth/authenticate-widget-caller';
import { CANCEL_REASONS } from '@/lib/domain/action-plan';
import { ACTION_KINDS } from '@/lib/domain/types';
import { gorgiasAccount } from '@/lib/integrations/gorgias/payloads';
import { requestAction } from './request-action';

const text = (max: number) => z.string().trim().max(max);

/** The body a Gorgias button or the widget page sends to POST /api/gorgias/actions. */
export const actionButtonBody = z.object({
  ticket_id: z
    .union([z.string(), z.number()])
    .transform(String)
    .pipe(z.string().regex(/^\d{1,20}$/, 'must be a Gorgias ticket id (digits)')),
  action: z.enum(ACTION_KINDS),
  confirm: z.boolean().default(false),
  send_anyway: z.boolean().default(false), // a reply the grounding check flagged, sent on purpose
  override_reason: text(500).optional(),
  idempotency_key: text(200).optional(),
  account: gorgiasAccount.optional(),
  agent_email: text(320).optional(),
  plan_token: text(64).optional(),
  params: z
    .object({
      refund: z.boolean().optional(),
      restock: z.boolean().optional(),
      notifyCustomer: z.boolean().optional(),
      cancelReason: z.enum(CANCEL_REASONS).optional(),
      reason: text(500).optional(),
      reasonHandle: z
        .string()
        .trim()
        .regex(/^[a-z0-9-]{1,80}$/, 'a return reason handle like "too-small"')
        .optional(),
      lineItems: z
        .array(
          z
            .object({
              lineItemId: text(80).pipe(z.string().min(1)),
              quantity: z.number().int().min(1).max(10_000),
              variantId: text(120).nullable().optional(),
            })
            .strict(),
        )
        .max(50)
        .optional(),
      amount: z
        .string()
        .trim()
        .regex(/^\d{1,9}(\.\d{1,2})?$/, 'an amount like 25.00')
        .optional(),
      percentage: z.number().int().min(1).max(100).optional(),
      expiresInDays: z.number().int().min(1).max(3650).optional(),
      body: text(10_000).optional(),
      reply: text(10_000).optional(), // sent with the step, once Shopify has done it
      tags: z.array(text(100)).max(20).optional(),
      address: z
        .object({
          name: text(200).nullable().optional(),
          address1: text(200).nullable().optional(),
          address2: text(200).nullable().optional(),
          city: text(100).nullable().optional(),
          province: text(100).nullable().optional(),
          provinceCode: text(10).nullable().optional(),
          zip: text(20).nullable().optional(),
          country: text(100).nullable().optional(),
          countryCode: text(2).nullable().optional(),
          phone: text(40).nullable().optional(),
        })
        .strict()
        .optional(),
    })
    .strict()
    .default({}),
});
export type ActionButtonBody = z.output<typeof actionButtonBody>;

/** A button press, planned or applied for the caller's ticket; the answer is what the agent's toast shows. */
export async function requestButtonAction(db: Db, config: Config, body: ActionButtonBody, caller: WidgetCaller, now: Date) {
  const outcome = await requestAction(
    db,
    config,
    {
      ticketShopId: caller.ticketShopId,
      ticketId: body.ticket_id,
      kind: body.action,
      params: body.params,
      confirm: body.confirm,
      overrideReason: body.override_reason ?? null,
      idempotencyKey: body.idempotency_key ?? null,
      planToken: body.plan_token ?? null,
      sendAnyway: body.send_anyway,
      actor: caller.actor,
    },
    now,
  );
  return {
    msg: outcome.msg,
    status: outcome.status,
    plan: outcome.plan,
    plan_token: outcome.planToken,
    action_id: outcome.actionId,
    overridden: outcome.overridden,
    flags: outcome.flags ?? [],
    repeat_of: outcome.repeatOf ?? null,
  };
}
