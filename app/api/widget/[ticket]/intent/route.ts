import { NextResponse } from 'next/server';
import { z } from 'zod';
import { getConfig } from '@/lib/runtime/config';
import { getDb } from '@/lib/db';
import { INTENTS } from '@/lib/domain/types';
import { handle, HttpError } from '@/lib/http/responses';
import { readRawBody } from '@/lib/http/read-body';
import { verifyWidgetToken } from '@/lib/auth/widget-link';
import { correctIntent } from '@/lib/intents/correct-intent';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const bodySchema = z.object({ intent: z.enum(INTENTS) });

// POST /api/widget/:ticket/intent – correct the ticket's intent in one click (kept for training).
export const POST = handle(async (req: Request, ctx: { params: Promise<{ ticket: string }> }) => {
  const { ticket } = await ctx.params;
  const grant = verifyWidgetToken(req.headers.get('x-widget-token'), ticket, getConfig().secrets.session, new Date());
  if (!grant.ok) throw new HttpError(401, 'invalid_widget_link', grant.reason);
  let json: unknown;
  try {
    json = JSON.parse((await readRawBody(req, 4 * 1024)).toString('utf8'));
  } catch {
    throw new HttpError(400, 'invalid_json', 'The body is not valid JSON.');
  }
  const body = bodySchema.parse(json);
  const result = await correctIntent(await getDb(), {
    shopId: grant.grant.shopId,
    ticketId: grant.grant.ticketId,
    intent: body.intent,
    actor: { type: 'agent', id: grant.grant.agent ?? 'agent (widget link)' },
  });
  return NextResponse.json({ ok: true, ...result });
});
