import { NextResponse } from 'next/server';
import { z } from 'zod';
import { getConfig } from '@/lib/runtime/config';
import { getDb } from '@/lib/db';
import { handle, HttpError } from '@/lib/http/responses';
import { readRawBody } from '@/lib/http/read-body';
import { verifyWidgetToken } from '@/lib/auth/widget-link';
import { checkReplyText } from '@/lib/drafts/check-reply';
import { clearUnsentReply, getUnsentReply, saveUnsentReply } from '@/lib/drafts/unsent-reply';
import { ticketExists } from '@/lib/drafts/ticket-exists';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const bodySchema = z.object({
  text: z.string().max(10_000, 'The reply is too long (10,000 characters at most).'),
  base_draft_id: z.number().int().positive().nullable().default(null),
});

async function grantFor(req: Request, ctx: { params: Promise<{ ticket: string }> }) {
  const { ticket } = await ctx.params;
  const now = new Date();
  const grant = verifyWidgetToken(req.headers.get('x-widget-token'), ticket, getConfig().secrets.session, now);
  if (!grant.ok) throw new HttpError(401, 'invalid_widget_link', grant.reason);
  const db = await getDb();
  const key = { shopId: grant.grant.shopId, ticketId: grant.grant.ticketId };
  if (!(await ticketExists(db, key))) throw new HttpError(404, 'unknown_ticket', `Concord has no ticket ${ticket}. It appears once Gorgias sends the ticket's first event.`);
  return { db, key, agent: grant.grant.agent, now };
}

// GET /api/widget/:ticket/unsent – the agent's saved, unsent reply text (or null).
export const GET = handle(async (req: Request, ctx: { params: Promise<{ ticket: string }> }) => {
  const { db, key } = await grantFor(req, ctx);
  return NextResponse.json({ unsent: await getUnsentReply(db, key) });
});

// PUT /api/widget/:ticket/unsent – save the text as typed and check it like a draft (the live check).
export const PUT = handle(async (req: Request, ctx: { params: Promise<{ ticket: string }> }) => {
  const { db, key, agent, now } = await grantFor(req, ctx);
  let json: unknown;
  try {
    json = JSON.parse((await readRawBody(req, 64 * 1024)).toString('utf8'));
  } catch {
    throw new HttpError(400, 'invalid_json', 'The body is not valid JSON.');
  }
  const body = bodySchema.parse(json);
  const saved = await saveUnsentReply(db, key, { text: body.text, baseDraftId: body.base_draft_id, agent }, now);
  const grounding = await checkReplyText(db, getConfig(), { ticketShopId: key.shopId, ticketId: key.ticketId, text: body.text }, now);
  return NextResponse.json({ unsent: saved, grounding });
});

// DELETE /api/widget/:ticket/unsent – drop the saved text (the agent took the new draft).
export const DELETE = handle(async (req: Request, ctx: { params: Promise<{ ticket: string }> }) => {
  const { db, key } = await grantFor(req, ctx);
  await clearUnsentReply(db, key);
  return NextResponse.json({ unsent: null });
});
