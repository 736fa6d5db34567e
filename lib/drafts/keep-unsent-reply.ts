import { z } from 'zod';
import type { Config } from '@/lib/runtime/config';
import type { Db } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';
import type { WidgetGrant } from '@/lib/auth/widget-link';
import { checkReplyText } from './check-reply';
import { clearUnsentReply, getUnsentReply, saveUnsentReply } from './unsent-reply';
import { ticketExists } from './ticket-exists';

// The widget page's unsent reply, for the ticket its link is bound to (404 for a ticket Concord has not seen).

export const unsentBody = z.object({
  text: z.string().max(10_000, 'The reply is too long (10,000 characters at most).'),
  base_draft_id: z.number().int().positive().nullable().default(null),
});

async function keyFor(db: Db, grant: WidgetGrant) {
  const key = { shopId: grant.shopId, ticketId: grant.ticketId };
  if (!(await ticketExists(db, key)))
    throw new AppError(
      'unknown_ticket',
      `Concord has no ticket ${grant.ticketId}. It appears once Gorgias sends the ticket's first event.`,
    );
  return key;
}

export async function readUnsentReply(db: Db, grant: WidgetGrant) {
  return { unsent: await getUnsentReply(db, await keyFor(db, grant)) };
}

/** Saves the text as typed and checks it like a draft (the live check). */
export async function keepUnsentReply(db: Db, config: Config, grant: WidgetGrant, body: z.output<typeof unsentBody>, now: Date) {
  const key = await keyFor(db, grant);
  const saved = await saveUnsentReply(db, key, { text: body.text, baseDraftId: body.base_draft_id, agent: grant.agent }, now);
  const grounding = await checkReplyText(db, config, { ticketShopId: key.shopId, ticketId: key.ticketId, text: body.text }, now);
  return { unsent: saved, grounding };
}

export async function dropUnsentReply(db: Db, grant: WidgetGrant) {
  await clearUnsentReply(db, await keyFor(db, grant));
  return { unsent: null };
}
