import { NextResponse } from 'next/server';
import { z } from 'zod';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db';
import { requestAction } from '@/lib/apply-action';
import { ACTION_KINDS } from '@/lib/domain/types';
import { handle, HttpError } from '@/lib/http/responses';
import { readRawBody } from '@/lib/http/read-body';
import { authenticateWidgetCaller } from '@/lib/widget-auth';
import { shopsForGorgiasDomain } from '@/lib/shops';
import { kickWorker } from '@/lib/worker';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const text = (max: number) => z.string().trim().max(max);
const bodySchema = z.object({
  ticket_id: z.union([z.string(), z.number()]).transform(String).pipe(z.string().regex(/^\d{1,20}$/, 'must be a Gorgias ticket id (digits)')),
  action: z.enum(ACTION_KINDS),
  confirm: z.boolean().default(false),
  send_anyway: z.boolean().default(false), // a reply the grounding check flagged, sent on purpose
  override_reason: text(500).optional(),
  idempotency_key: text(200).optional(),
  agent_email: text(320).optional(),
  params: z
    .object({
      refund: z.boolean().optional(),
      restock: z.boolean().optional(),
      notifyCustomer: z.boolean().optional(),
      reason: text(500).optional(),
      body: text(10_000).optional(),
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

// POST /api/gorgias/actions – plan (confirm=false) or apply (confirm=true) a policy action.
export const POST = handle(async (req: Request) => {
  const now = new Date();
  const raw = await readRawBody(req, 64 * 1024);
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new HttpError(400, 'invalid_json', 'The body is not valid JSON.');
  }
  const body = bodySchema.parse(json);
  const caller = authenticateWidgetCaller(req.headers, body.ticket_id, body.agent_email ?? null, now);
  const db = await getDb();
  const ticketShopId = caller.shopId ?? (await shopsForGorgiasDomain(db, null))[0];
  if (!ticketShopId) throw new HttpError(409, 'no_store', 'No store is connected yet.');
  const outcome = await requestAction(db, getConfig(), {
    ticketShopId,
    ticketId: body.ticket_id,
    kind: body.action,
    params: body.params,
    confirm: body.confirm,
    overrideReason: body.override_reason ?? null,
    idempotencyKey: body.idempotency_key ?? null,
    sendAnyway: body.send_anyway,
    actor: caller.actor,
  }, now);
  if (outcome.status === 'queued') kickWorker();
  return NextResponse.json({ msg: outcome.msg, status: outcome.status, plan: outcome.plan, action_id: outcome.actionId, overridden: outcome.overridden, flags: outcome.flags ?? [] });
});
