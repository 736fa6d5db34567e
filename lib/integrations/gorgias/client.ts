import 'server-only';
import { z } from 'zod';
import type { Config } from '@/lib/runtime/config';
import { ExternalApiError, requestJson } from '@/lib/integrations/http';
import { gorgiasIdSchema, parseGorgiasTicket, type GorgiasTicket } from './payloads';
import { replyAddressing } from './reply-channel';
import {
  gorgiasCustomerSchema,
  gorgiasListSchema,
  parseCallLimit,
  toHistoryMessage,
  toHistoryTicket,
  type HistoryMessage,
  type HistoryTicket,
} from './history-payloads';

// Concord calling the Gorgias REST API (private app: Basic auth `email:API_KEY`). Every call goes
// through requestJson, so a 429 arrives as a retryable ExternalApiError with Retry-After in
// milliseconds and the outbox waits as long as Gorgias asks (API keys get 40 requests / 20 s).

export interface GorgiasClientOptions {
  baseUrl: string; // https://acme.gorgias.com (a trailing /api is accepted)
  email: string;
  apiKey: string;
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
}

export interface GorgiasIntegrationSummary {
  id: string;
  name: string | null;
  type: string | null;
  url: string | null; // HTTP integrations only
  deactivated: boolean;
}

// Triggers an HTTP integration can fire on (docs/gorgias.md). The payload-less triggers
// (assignment/status updated) are mutually exclusive with these and not used by Concord.
export const GORGIAS_HTTP_TRIGGERS = [
  'ticket-created',
  'ticket-updated',
  'ticket-self-unsnoozed',
  'ticket-message-created',
  'ticket-message-failed',
] as const;
export type GorgiasHttpTrigger = (typeof GORGIAS_HTTP_TRIGGERS)[number];

export interface CreateHttpIntegrationInput {
  name: string;
  url: string;
  headers: Record<string, string>;
  triggers: readonly GorgiasHttpTrigger[];
  method?: 'GET' | 'POST';
  /** The request body template; `{{context}}` sends the whole ticket and the new message. */
  body?: string;
}

const createdSchema = z.looseObject({ id: gorgiasIdSchema });
const integrationSchema = z.looseObject({
  id: gorgiasIdSchema,
  name: z.string().nullish().catch(null),
  type: z.string().nullish().catch(null),
  deactivated_datetime: z.string().nullish().catch(null),
  http: z
    .looseObject({ url: z.string().nullish().catch(null) })
    .nullish()
    .catch(null),
});
const macroSchema = z.looseObject({
  id: gorgiasIdSchema,
  external_id: z.string().nullish().catch(null),
  name: z.string().nullish().catch(null),
});

const pageSchema = z.looseObject({
  data: z.array(z.unknown()),
  meta: z
    .looseObject({ next_cursor: z.string().nullish().catch(null) })
    .nullish()
    .catch(null),
});

const MAX_INTEGRATION_PAGES = 20; // 100 per page: far beyond any real helpdesk, but never an endless loop

export class GorgiasClient {
  private readonly root: string;
  private readonly authorization: string;

  constructor(private readonly options: GorgiasClientOptions) {
    this.root = options.baseUrl
      .trim()
      .replace(/\/+$/, '')
      .replace(/\/api$/, '');
    this.authorization = `Basic ${Buffer.from(`${options.email}:${options.apiKey}`, 'utf8').toString('base64')}`;
  }

  /** Adds only these tags. Never PUT the ticket with `tags`: that replaces every tag agents set. */
  async addTags(ticketId: string, names: string[]): Promise<{ ticketId: string; added: string[] }> {
    const tags = cleanNames(names);
    if (tags.length > 0) await this.call('POST', `/api/tickets/${seg(ticketId)}/tags`, { names: tags });
    return { ticketId, added: tags };
  }

  async removeTags(ticketId: string, names: string[]): Promise<{ ticketId: string; removed: string[] }> {
    const tags = cleanNames(names);
    if (tags.length > 0) await this.call('DELETE', `/api/tickets/${seg(ticketId)}/tags`, { names: tags });
    return { ticketId, removed: tags };
  }

  /** Visible to agents only. Sent as the API user, who is a Gorgias user (notes need a user sender). */
  async postInternalNote(ticketId: string, note: { bodyText: string; bodyHtml?: string }): Promise<{ messageId: string | null }> {
    return this.createMessage(ticketId, {
      channel: 'internal-note',
      from_agent: true,
      via: 'api',
      sender: { email: this.options.email },
      body_text: note.bodyText,
      body_html: note.bodyHtml ?? textToHtml(note.bodyText),
    });
  }

  /**
   * Sends a reply to the customer. No `sent_datetime`: with it Gorgias would only import the
   * message as already sent, and the customer would never receive it.
   */
  async sendReply(
    ticketId: string,
    reply: {
      channel: string;
      bodyText: string;
      bodyHtml?: string;
      receiverEmail?: string;
      senderEmail?: string;
      receiverPhone?: string | null;
      receiverCustomerId?: string | null;
    },
  ): Promise<{ messageId: string | null }> {
    return this.createMessage(ticketId, {
      channel: reply.channel,
      from_agent: true,
      via: 'api',
      ...replyAddressing({
        channel: reply.channel,
        senderEmail: reply.senderEmail ?? this.options.email,
        receiverEmail: reply.receiverEmail,
        receiverPhone: reply.receiverPhone,
        receiverCustomerId: reply.receiverCustomerId,
      }),
      body_text: reply.bodyText,
      body_html: reply.bodyHtml ?? textToHtml(reply.bodyText),
    });
  }

  /** Gorgias ticket priority (low, normal, high, critical) [?: field name from the ticket object reference, unconfirmed]. */
  async setPriority(ticketId: string, priority: string): Promise<{ ticketId: string; priority: string }> {
    await this.call('PUT', `/api/tickets/${seg(ticketId)}`, { priority });
    return { ticketId, priority };
  }

  /** Sets only the assignee fields; `null` clears one, `undefined` leaves it as it is. */
  async assignTicket(
    ticketId: string,
    to: { teamId?: number | string | null; userId?: number | string | null },
  ): Promise<{ ticketId: string }> {
    const body: Record<string, unknown> = {};
    if (to.teamId !== undefined) body.assignee_team = to.teamId === null ? null : { id: wireId(to.teamId) };
    if (to.userId !== undefined) body.assignee_user = to.userId === null ? null : { id: wireId(to.userId) };
    if (Object.keys(body).length === 0) throw new Error('assignTicket needs a teamId or a userId');
    await this.call('PUT', `/api/tickets/${seg(ticketId)}`, body);
    return { ticketId };
  }

  async getTicket(ticketId: string): Promise<GorgiasTicket> {
    const res = await this.call('GET', `/api/tickets/${seg(ticketId)}`);
    const parsed = parseGorgiasTicket(res.json);
    if (!parsed.ok)
      throw new ExternalApiError(
        'gorgias',
        res.status,
        `gorgias: unexpected ticket shape from GET /api/tickets/${ticketId}: ${parsed.error}`,
        false,
      );
    return parsed.ticket;
  }

  /** The customer whose primary email this is (GET /api/customers?email=; see history-payloads.ts), or null. */
  async findCustomerId(email: string): Promise<string | null> {
    const query = new URLSearchParams({ email, limit: '1' });
    const res = await this.call('GET', `/api/customers?${query.toString()}`);
    const list = gorgiasListSchema.safeParse(res.json);
    if (!list.success)
      throw new ExternalApiError('gorgias', res.status, 'gorgias: unexpected answer from GET /api/customers (no data list)', false);
    for (const item of list.data.data) {
      const c = gorgiasCustomerSchema.safeParse(item);
      // The filter is exact on the primary email; the check keeps a looser server from mixing people.
      if (c.success && (c.data.email ?? '').trim().toLowerCase() === email.trim().toLowerCase()) return String(c.data.id);
    }
    return null;
  }

  /** A customer's newest tickets, trashed ones left out (GET /api/tickets?customer_id=; one page). */
  async listCustomerTickets(
    customerId: string,
    limit: number,
  ): Promise<{ tickets: HistoryTicket[]; callLimit: { used: number; limit: number } | null }> {
    const query = new URLSearchParams({
      customer_id: customerId,
      limit: String(Math.min(Math.max(limit, 1), 100)),
      order_by: 'created_datetime:desc',
      trashed: 'false',
    });
    const res = await this.call('GET', `/api/tickets?${query.toString()}`);
    const list = gorgiasListSchema.safeParse(res.json);
    if (!list.success)
      throw new ExternalApiError('gorgias', res.status, 'gorgias: unexpected answer from GET /api/tickets (no data list)', false);
    const tickets = list.data.data.map(toHistoryTicket).filter((t): t is HistoryTicket => t !== null);
    return { tickets, callLimit: parseCallLimit(res.headers.get('x-gorgias-account-api-call-limit')) };
  }

  /** A ticket's first message (GET /api/messages?ticket_id=, oldest first), or null. */
  async firstMessage(ticketId: string): Promise<{ message: HistoryMessage | null; callLimit: { used: number; limit: number } | null }> {
    const query = new URLSearchParams({ ticket_id: ticketId, limit: '1', order_by: 'created_datetime:asc' });
    const res = await this.call('GET', `/api/messages?${query.toString()}`);
    const list = gorgiasListSchema.safeParse(res.json);
    if (!list.success)
      throw new ExternalApiError('gorgias', res.status, 'gorgias: unexpected answer from GET /api/messages (no data list)', false);
    return {
      message: list.data.data.map(toHistoryMessage).find((m) => m !== null) ?? null,
      callLimit: parseCallLimit(res.headers.get('x-gorgias-account-api-call-limit')),
    };
  }

  async listIntegrations(): Promise<GorgiasIntegrationSummary[]> {
    const all: GorgiasIntegrationSummary[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < MAX_INTEGRATION_PAGES; page++) {
      const query = new URLSearchParams({ limit: '100' });
      if (cursor) query.set('cursor', cursor);
      const res = await this.call('GET', `/api/integrations?${query.toString()}`);
      const parsed = pageSchema.safeParse(res.json);
      if (!parsed.success)
        throw new ExternalApiError('gorgias', res.status, 'gorgias: unexpected answer from GET /api/integrations (no data list)', false);
      for (const item of parsed.data.data) {
        const i = integrationSchema.safeParse(item);
        if (!i.success) continue;
        all.push({
          id: i.data.id,
          name: i.data.name ?? null,
          type: i.data.type ?? null,
          url: i.data.http?.url ?? null,
          deactivated: Boolean(i.data.deactivated_datetime),
        });
      }
      cursor = parsed.data.meta?.next_cursor ?? null;
      if (!cursor) break;
    }
    return all;
  }

  async createHttpIntegration(input: CreateHttpIntegrationInput): Promise<{ id: string }> {
    const res = await this.call('POST', '/api/integrations', {
      type: 'http',
      name: input.name,
      http: {
        url: input.url,
        method: input.method ?? 'POST',
        headers: input.headers,
        form: input.body ?? '{{context}}',
        request_content_type: 'application/json',
        response_content_type: 'application/json',
        triggers: Object.fromEntries(input.triggers.map((t) => [t, true])),
      },
    });
    return { id: requireId(res, 'POST /api/integrations') };
  }

  /** Macros on the account (first pages); used to install Concord's reply macro only once. */
  async listMacros(): Promise<{ id: string; externalId: string | null; name: string | null }[]> {
    const all: { id: string; externalId: string | null; name: string | null }[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < MAX_INTEGRATION_PAGES; page++) {
      const query = new URLSearchParams({ limit: '100' });
      if (cursor) query.set('cursor', cursor);
      const res = await this.call('GET', `/api/macros?${query.toString()}`);
      const parsed = pageSchema.safeParse(res.json);
      if (!parsed.success)
        throw new ExternalApiError('gorgias', res.status, 'gorgias: unexpected answer from GET /api/macros (no data list)', false);
      for (const item of parsed.data.data) {
        const m = macroSchema.safeParse(item);
        if (m.success) all.push({ id: String(m.data.id), externalId: m.data.external_id ?? null, name: m.data.name ?? null });
      }
      cursor = parsed.data.meta?.next_cursor ?? null;
      if (!cursor) break;
    }
    return all;
  }

  /** POST /api/macros (developers.gorgias.com "Create a macro"). */
  async createMacro(macro: { name: string; external_id?: string; intent?: string | null; actions: unknown[] }): Promise<{ id: string }> {
    const res = await this.call('POST', '/api/macros', macro);
    return { id: requireId(res, 'POST /api/macros') };
  }

  /** Installs the sidebar template for an HTTP integration (otherwise Gorgias guesses one from the first answer). */
  async createWidget(input: { integrationId: string; template: unknown; order?: number }): Promise<{ id: string }> {
    const res = await this.call('POST', '/api/widgets', {
      context: 'ticket',
      type: 'http',
      integration_id: wireId(input.integrationId),
      order: input.order ?? 0,
      template: input.template,
    });
    return { id: requireId(res, 'POST /api/widgets') };
  }

  private async createMessage(ticketId: string, body: Record<string, unknown>): Promise<{ messageId: string | null }> {
    const res = await this.call('POST', `/api/tickets/${seg(ticketId)}/messages`, body);
    // The message exists once Gorgias answers 2xx: never fail (and so retry, and so post twice) over a missing id.
    const created = createdSchema.safeParse(res.json);
    return { messageId: created.success ? created.data.id : null };
  }

  private call(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown) {
    return requestJson({
      system: 'gorgias',
      url: `${this.root}${path}`,
      method,
      headers: { authorization: this.authorization },
      body,
      timeoutMs: this.options.timeoutMs,
      fetchImpl: this.options.fetchImpl,
    });
  }
}

/** Null unless all three Gorgias credentials are set (config refuses a partial set at start-up). */
export function gorgiasClientFromConfig(config: Config): GorgiasClient | null {
  const { GORGIAS_DOMAIN, GORGIAS_API_EMAIL, GORGIAS_API_KEY, GORGIAS_BASE_URL } = config.env;
  if (!config.connections.gorgias || !GORGIAS_DOMAIN || !GORGIAS_API_EMAIL || !GORGIAS_API_KEY) return null;
  return new GorgiasClient({
    baseUrl: GORGIAS_BASE_URL ?? gorgiasBaseUrl(GORGIAS_DOMAIN),
    email: GORGIAS_API_EMAIL,
    apiKey: GORGIAS_API_KEY,
  });
}

/** Admins paste the subdomain in several forms: "acme", "acme.gorgias.com", "https://acme.gorgias.com/". */
export function gorgiasBaseUrl(domain: string): string {
  const sub = domain
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/\/.*$/, '')
    .replace(/\.gorgias\.com$/, '');
  return `https://${sub}.gorgias.com`;
}

function cleanNames(names: string[]): string[] {
  return [...new Set(names.map((n) => n.trim()).filter((n) => n !== ''))];
}

function seg(id: string): string {
  return encodeURIComponent(id);
}

/** Gorgias expects integer ids in bodies; Concord keeps them as strings. */
function wireId(id: number | string): number | string {
  const s = String(id);
  return /^\d{1,15}$/.test(s) ? Number(s) : s;
}

function requireId(res: { status: number; json: unknown }, what: string): string {
  const parsed = createdSchema.safeParse(res.json);
  if (!parsed.success)
    throw new ExternalApiError(
      'gorgias',
      res.status,
      `gorgias: ${what} answered without an id`,
      false,
      null,
      JSON.stringify(res.json ?? null).slice(0, 2000),
    );
  return parsed.data.id;
}

function textToHtml(text: string): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return escaped
    .split(/\n{2,}/)
    .map((p) => `<p>${p.replace(/\n/g, '<br>')}</p>`)
    .join('');
}
