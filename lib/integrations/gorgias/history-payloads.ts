import { z } from 'zod';
import { gorgiasIdSchema } from './payloads';

// A customer's earlier tickets, read from the Gorgias REST API. What was confirmed, and where
// (searched 2026-12; the official pages at developers.gorgias.com/reference, and the mirror of the
// same reference at withone.ai/knowledge/gorgias where the official page's text was not stored):
//   - GET /api/customers?email=<primary email>&limit=N: "List customers", filter `email` = the
//     customer's primary email; answers { object: 'list', data: [Customer], meta: { next_cursor } }.
//   - GET /api/tickets?customer_id=<id>&limit=N&order_by=created_datetime:desc&trashed=false:
//     "List tickets": `customer_id` (integer), `limit` 1..100 (default 30), `order_by` one of
//     created_datetime:asc|desc, updated_datetime:asc|desc, `trashed` (default true: trashed tickets
//     are included unless asked not to). Same list envelope; items are Ticket objects (id, subject,
//     status, channel, created_datetime, spam, customer...).
//   - GET /api/messages?ticket_id=<id>&limit=1&order_by=created_datetime:asc: "List messages"
//     (the newer endpoint; GET /api/tickets/{id}/messages is marked deprecated). Items are
//     TicketMessage objects (body_text, from_agent, channel, created_datetime...).
//   - Rate limits (developers.gorgias.com/reference/limitations): leaky bucket, API-key
//     integrations 40 requests per 20 s window (OAuth apps 80); a 429 carries Retry-After in
//     seconds, and every answer carries X-Gorgias-Account-Api-Call-Limit ("10/40").
// Not confirmed: whether list items carry `messages` (the Ticket object documents the field; list
// answers may leave it empty), so the first message is read from it when present and from
// /api/messages otherwise. Every schema is open and liberal like payloads.ts: an odd field becomes
// null rather than losing the customer's history.

const text = z.string().nullish().catch(null);
const date = z
  .string()
  .nullish()
  .catch(null)
  .transform((s) => {
    if (!s) return null;
    // Gorgias writes naive UTC datetimes ("2020-01-27T10:42:21.468912"): read them as UTC.
    const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s}Z`);
    return Number.isNaN(d.getTime()) ? null : d;
  });

export const gorgiasListSchema = z.looseObject({
  data: z.array(z.unknown()),
  meta: z
    .looseObject({ next_cursor: z.string().nullish().catch(null) })
    .nullish()
    .catch(null),
});

export const gorgiasCustomerSchema = z.looseObject({ id: gorgiasIdSchema, email: text });

const gorgiasMessageItemSchema = z.looseObject({
  id: gorgiasIdSchema.nullish().catch(null),
  body_text: text,
  stripped_text: text,
  from_agent: z.boolean().nullish().catch(null),
  channel: text,
  created_datetime: date,
});

const gorgiasTicketItemSchema = z.looseObject({
  id: gorgiasIdSchema,
  subject: text,
  status: text,
  channel: text,
  spam: z.boolean().nullish().catch(null),
  created_datetime: date,
  messages: z.array(z.unknown()).nullish().catch(null),
});

export interface HistoryTicket {
  id: string;
  subject: string | null;
  status: string | null;
  channel: string | null;
  spam: boolean;
  createdAt: Date | null;
  /** The first message, when the list answer carried it. */
  firstMessage: HistoryMessage | null;
}

export interface HistoryMessage {
  bodyText: string;
  fromAgent: boolean;
  createdAt: Date | null;
}

export function toHistoryMessage(raw: unknown): HistoryMessage | null {
  const m = gorgiasMessageItemSchema.safeParse(raw);
  if (!m.success) return null;
  const body = (m.data.stripped_text || m.data.body_text || '').trim();
  if (!body) return null;
  return { bodyText: body, fromAgent: m.data.from_agent === true, createdAt: m.data.created_datetime };
}

export function toHistoryTicket(raw: unknown): HistoryTicket | null {
  const t = gorgiasTicketItemSchema.safeParse(raw);
  if (!t.success) return null;
  const messages = (t.data.messages ?? []).map(toHistoryMessage).filter((m): m is HistoryMessage => m !== null);
  messages.sort((a, b) => (a.createdAt?.getTime() ?? 0) - (b.createdAt?.getTime() ?? 0));
  return {
    id: String(t.data.id),
    subject: t.data.subject ?? null,
    status: t.data.status ?? null,
    channel: t.data.channel ?? null,
    spam: t.data.spam === true,
    createdAt: t.data.created_datetime,
    firstMessage: messages[0] ?? null,
  };
}

/** "12/40" from X-Gorgias-Account-Api-Call-Limit, or null. */
export function parseCallLimit(header: string | null): { used: number; limit: number } | null {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(header ?? '');
  return m ? { used: Number(m[1]), limit: Number(m[2]) } : null;
}
