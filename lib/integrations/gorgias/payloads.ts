import { z } from 'zod';

// What Gorgias sends to Concord's HTTP integration, mapped to plain Concord shapes.
//
// The POST body is the `{{context}}` template: `{ ticket: {...}, message?: {...} }`. Its field names
// come from a third-party fixture of a real delivery (docs/gorgias.md), not from a documented
// contract, so every schema here is open (unknown fields pass) and liberal: only the ticket id is
// essential. A field of an unexpected type becomes null instead of rejecting the event, because a
// rejected event is a failure Gorgias counts towards disabling the integration (100 in a row).

// ---------------------------------------------------------------------------------------------
// Concord shapes

export interface GorgiasCustomerChannel {
  type: string | null;
  address: string | null;
}

export interface GorgiasTicket {
  id: string;
  accountDomain: string | null;
  status: string;
  channel: string | null;
  via: string | null;
  subject: string | null;
  customer: { id: string | null; email: string | null; name: string | null; channels?: GorgiasCustomerChannel[] };
  assigneeUserEmail: string | null;
  assigneeTeamId: string | null;
  tags: string[];
  createdAt: Date | null;
  updatedAt: Date | null;
  closedAt: Date | null;
  messages: GorgiasMessage[];
}

export interface GorgiasMessage {
  id: string;
  ticketId: string;
  fromAgent: boolean;
  internalNote: boolean; // channel 'internal-note': visible to agents only, never sent to the customer
  channel: string | null;
  via: string | null;
  bodyText: string;
  strippedText: string | null;
  senderEmail: string | null;
  senderName: string | null;
  createdAt: Date | null;
  sentAt: Date | null;
  attachmentCount: number;
  gorgiasIntents: string[]; // Gorgias' own intents, e.g. "shipping/status"; blank when it is unsure
}

export type ParsedGorgiasContext = { ok: true; ticket: GorgiasTicket; message: GorgiasMessage | null } | { ok: false; error: string };

// ---------------------------------------------------------------------------------------------
// Liberal leaf readers

/** Gorgias ids are integers on the wire; templated bodies can turn them into strings. */
export const gorgiasIdSchema = z
  .union([z.number().int().nonnegative(), z.string().trim().min(1, 'must not be empty')])
  .transform((v) => String(v));

function asText(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

function asId(v: unknown): string | null {
  const parsed = gorgiasIdSchema.safeParse(v);
  return parsed.success ? parsed.data : null;
}

/** Gorgias datetimes are UTC; some carry no offset ("2021-01-07T13:00:00.123456"), which JS would read as local time. */
function asDate(v: unknown): Date | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
  if (typeof v !== 'string' || v.trim() === '') return null;
  let s = v.trim();
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(s)) s += 'Z';
  const ms = Date.parse(s);
  return Number.isNaN(ms) ? null : new Date(ms);
}

/** A templated body can carry Python's rendering of booleans ("True"). */
function asBool(v: unknown): boolean | null {
  if (v === true || v === 'true' || v === 'True' || v === 1) return true;
  if (v === false || v === 'false' || v === 'False' || v === 0) return false;
  return null;
}

function asRecord(v: unknown): Record<string, unknown> | null {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

/** Tags and intents arrive as `[{name: "..."}]`; plain strings are accepted too. */
function asNames(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  const names: string[] = [];
  for (const item of v) {
    const name = typeof item === 'string' ? item : asText(asRecord(item)?.name);
    if (name && name.trim() !== '' && !names.includes(name.trim())) names.push(name.trim());
  }
  return names;
}

function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

// ---------------------------------------------------------------------------------------------
// Schemas (open objects; only ids are checked strictly)

const rawMessageSchema = z.looseObject({ id: gorgiasIdSchema });

const rawTicketSchema = z.looseObject({
  id: gorgiasIdSchema,
  messages: z.array(z.unknown()).nullish().catch(null),
});

const contextSchema = z.looseObject({
  ticket: z.unknown().refine((v) => asRecord(v) !== null, 'must be an object (the Gorgias ticket)'),
  message: z.unknown().optional(),
});

// ---------------------------------------------------------------------------------------------
// Mapping

function mapMessage(raw: Record<string, unknown>, fallbackTicketId: string): GorgiasMessage | null {
  const parsed = rawMessageSchema.safeParse(raw);
  if (!parsed.success) return null;
  const channel = asText(raw.channel);
  const internalNote = channel === 'internal-note';
  const sender = asRecord(raw.sender);
  const sourceFrom = asRecord(asRecord(raw.source)?.from);
  const bodyHtml = asText(raw.body_html);
  return {
    id: parsed.data.id,
    ticketId: asId(raw.ticket_id) ?? fallbackTicketId,
    // An internal note is always written by an agent (or a rule), even when from_agent is absent.
    fromAgent: asBool(raw.from_agent) ?? internalNote,
    internalNote,
    channel,
    via: asText(raw.via),
    bodyText: asText(raw.body_text) ?? (bodyHtml ? htmlToText(bodyHtml) : ''),
    strippedText: asText(raw.stripped_text),
    senderEmail: asText(sender?.email) ?? asText(sourceFrom?.address),
    senderName: asText(sender?.name) ?? asText(sourceFrom?.name),
    createdAt: asDate(raw.created_datetime),
    sentAt: asDate(raw.sent_datetime),
    attachmentCount: Array.isArray(raw.attachments) ? raw.attachments.length : 0,
    gorgiasIntents: asNames(raw.intents),
  };
}

function mapChannels(v: unknown): GorgiasCustomerChannel[] {
  if (!Array.isArray(v)) return [];
  return v
    .map(asRecord)
    .filter((c): c is Record<string, unknown> => c !== null)
    .map((c) => ({ type: asText(c.type), address: asText(c.address) }));
}

function mapTicket(raw: Record<string, unknown>, id: string, rawMessages: unknown[]): GorgiasTicket {
  // `requester` is the older name of `customer` (still used by some integrations' templates).
  const customer = asRecord(raw.customer) ?? asRecord(raw.requester);
  const assigneeUser = asRecord(raw.assignee_user);
  const assigneeTeam = asRecord(raw.assignee_team);
  const messages: GorgiasMessage[] = [];
  for (const m of rawMessages) {
    const record = asRecord(m);
    // A message without an id cannot be stored or deduplicated; the rest of the ticket is still useful.
    const mapped = record ? mapMessage(record, id) : null;
    if (mapped) messages.push(mapped);
  }
  return {
    id,
    accountDomain: asText(asRecord(raw.account)?.domain),
    // Short trigger payloads may omit the status; "unknown" never reads as open or closed.
    status: asText(raw.status) ?? 'unknown',
    channel: asText(raw.channel),
    via: asText(raw.via),
    subject: asText(raw.subject),
    customer: {
      id: asId(customer?.id) ?? asId(raw.customer_id),
      email: asText(customer?.email),
      name: asText(customer?.name),
      channels: mapChannels(customer?.channels),
    },
    assigneeUserEmail: asText(assigneeUser?.email),
    assigneeTeamId: asId(assigneeTeam?.id),
    tags: asNames(raw.tags),
    createdAt: asDate(raw.created_datetime),
    updatedAt: asDate(raw.updated_datetime),
    closedAt: asDate(raw.closed_datetime),
    messages,
  };
}

function describeIssues(error: z.ZodError, prefix: string): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${[prefix, ...i.path.map(String)].filter(Boolean).join('.') || 'body'}: ${i.message}`)
    .join('; ');
}

/** One ticket as the REST API (`GET /api/tickets/{id}`) or the `{{context}}` body carries it. */
export function parseGorgiasTicket(raw: unknown): { ok: true; ticket: GorgiasTicket } | { ok: false; error: string } {
  const record = asRecord(raw);
  if (!record) return { ok: false, error: 'ticket: must be an object' };
  const parsed = rawTicketSchema.safeParse(record);
  if (!parsed.success) return { ok: false, error: describeIssues(parsed.error, 'ticket') };
  return { ok: true, ticket: mapTicket(record, parsed.data.id, parsed.data.messages ?? []) };
}

/**
 * Parses the `{{context}}` body. The top-level `message` can be a trimmed copy of one of the
 * ticket's messages, so it is completed from that message before mapping: otherwise a missing
 * `channel` would turn an internal note into a customer message.
 */
export function parseGorgiasContext(body: unknown): ParsedGorgiasContext {
  const root = asRecord(body);
  if (!root) return { ok: false, error: 'expected a JSON object like {"ticket": {...}, "message": {...}} (the Gorgias {{context}})' };
  const parsed = contextSchema.safeParse(root);
  if (!parsed.success) return { ok: false, error: describeIssues(parsed.error, '') };
  const ticketResult = parseGorgiasTicket(parsed.data.ticket);
  if (!ticketResult.ok) return ticketResult;
  const ticket = ticketResult.ticket;

  const rawMessage = asRecord(parsed.data.message);
  if (!rawMessage) return { ok: true, ticket, message: null };
  const messageId = asId(rawMessage.id);
  // Events other than message-created can carry an empty `message: {}`: that is "no message", not an error.
  if (messageId === null) return { ok: true, ticket, message: null };
  const ticketMessages = asRecord(parsed.data.ticket)?.messages;
  const counterpart = Array.isArray(ticketMessages)
    ? ticketMessages.map(asRecord).find((m) => m !== null && asId(m.id) === messageId)
    : undefined;
  const merged: Record<string, unknown> = { ...(counterpart ?? {}) };
  for (const [key, value] of Object.entries(rawMessage)) if (value !== undefined) merged[key] = value;
  const message = mapMessage(merged, ticket.id);
  if (!message) return { ok: false, error: 'message: could not be read' };
  return { ok: true, ticket, message };
}

/**
 * The inbox dedupe key of one delivery. The ticket's updated_datetime is the version of the
 * snapshot: the same message seen in a later snapshot (a status change, new tags) is a new event,
 * so a ticket update that happens to carry the last message is never dropped as a duplicate,
 * while a redelivery of the same snapshot is.
 */
export function gorgiasEventId(ticket: GorgiasTicket, message: GorgiasMessage | null): string {
  const version = ticket.updatedAt ? ticket.updatedAt.toISOString() : null;
  if (message) return version ? `message:${message.id}:${version}` : `message:${message.id}`;
  if (version) return `ticket:${ticket.id}:${version}`;
  // No version at all: fall back to what an agent could see change.
  const lastMessage = ticket.messages[ticket.messages.length - 1]?.id ?? 'none';
  return `ticket:${ticket.id}:${ticket.status}:${ticket.messages.length}:${lastMessage}:${[...ticket.tags].sort().join(',')}`;
}

// ---------------------------------------------------------------------------------------------
// GET set-up: /api/gorgias/widget?email={{ticket.customer.email}}&ticket={{ticket.id}}

// An empty template variable renders as "" (or Python's "None"); an unrendered one stays "{{...}}".
const absentValues = new Set(['', 'none', 'null', 'undefined']);
const queryValue = z
  .string()
  .optional()
  .transform((v) => {
    const t = v?.trim() ?? '';
    return absentValues.has(t.toLowerCase()) || t.startsWith('{{') ? null : t;
  });

const gorgiasWidgetQuerySchema = z
  .object({
    email: queryValue.pipe(
      z
        .string()
        .max(320)
        .regex(/^[^\s@]+@[^\s@]+$/, 'email must be an email address, e.g. ?email={{ticket.customer.email}}')
        .transform((e) => e.toLowerCase())
        .nullable(),
    ),
    ticket: queryValue.pipe(
      z
        .string()
        .regex(/^\d{1,20}$/, 'ticket must be a Gorgias ticket id (digits), e.g. ?ticket={{ticket.id}}')
        .nullable(),
    ),
    account: queryValue.pipe(
      z
        .string()
        .trim()
        .toLowerCase()
        .regex(/^[a-z0-9][a-z0-9.-]{0,99}$/, 'account must be the Gorgias account domain, e.g. &account={{ticket.account.domain}}')
        .nullable(),
    ),
  })
  .refine((q) => q.email !== null || q.ticket !== null, {
    message: 'pass ?email={{ticket.customer.email}}&ticket={{ticket.id}} (at least one of them)',
  });

export type GorgiasWidgetQuery = { email: string | null; ticketId: string | null; account: string | null };

export function parseGorgiasWidgetQuery(
  params: URLSearchParams | Record<string, string | undefined>,
): { ok: true; query: GorgiasWidgetQuery } | { ok: false; error: string } {
  const input =
    params instanceof URLSearchParams
      ? { email: params.get('email') ?? undefined, ticket: params.get('ticket') ?? undefined, account: params.get('account') ?? undefined }
      : { email: params.email, ticket: params.ticket, account: params.account };
  const parsed = gorgiasWidgetQuerySchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: parsed.error.issues.map((i) => i.message).join('; ') };
  return { ok: true, query: { email: parsed.data.email, ticketId: parsed.data.ticket, account: parsed.data.account } };
}

/** A Gorgias account's domain as templates render it ({{ticket.account.domain}}): "acme" for acme.gorgias.com. */
export const gorgiasAccount = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9.-]{0,99}$/, 'must be the Gorgias account domain ({{ticket.account.domain}}), e.g. acme');
