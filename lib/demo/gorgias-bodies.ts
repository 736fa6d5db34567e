import { DEMO_BRAND, DEMO_CUSTOMERS } from './catalog';
import { gorgiasTime, hash32, quoteHeaderDate } from './format';
import type { MessageSpec, TicketCtx, TicketStory } from './ticket-stories';

// Gorgias HTTP-integration bodies (`{{context}}`): the ticket with its messages so far, and the
// message that fired the trigger. Shape per docs/gorgias.md; unknown-to-us fields Gorgias also
// sends (uri, excerpt, source, ...) are included because real deliveries carry them.

export const AGENT = { id: 387654483, email: DEMO_BRAND.supportEmail, name: DEMO_BRAND.agentName, firstname: 'Sam', lastname: 'Rivera' };

export function gorgiasMessageId(ticketId: number, i: number): number {
  return 2088000000 + (ticketId % 100000) * 10 + i;
}

export interface Requester {
  id: number;
  email: string;
  name: string;
  firstname: string;
  lastname: string;
}

function requesterFor(story: TicketStory): Requester {
  if ('email' in story.from) {
    const [firstname, ...rest] = story.from.name.split(' ');
    return {
      id: 387700000 + (hash32(story.from.email) % 90000),
      email: story.from.email,
      name: story.from.name,
      firstname,
      lastname: rest.join(' '),
    };
  }
  const key = story.from.customer;
  const index = DEMO_CUSTOMERS.findIndex((c) => c.key === key);
  const c = DEMO_CUSTOMERS[index];
  // A second address is a separate Gorgias customer, as it would be before anyone merges them.
  const email = story.from.alt ? c.altEmail! : c.email;
  return {
    id: 387705000 + index * 7 + (story.from.alt ? 3 : 0),
    email,
    name: `${c.firstName} ${c.lastName}`,
    firstname: c.firstName,
    lastname: c.lastName,
  };
}

function html(text: string): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<div>${escaped.split('\n').join('<br>')}</div>`;
}

interface BuiltMessage {
  ms: number;
  body: Record<string, unknown>;
}

function messageBody(
  story: TicketStory,
  i: number,
  ms: number,
  ctx: TicketCtx,
  requester: Requester,
  subject: string,
  gorgiasDomain: string,
  quoted: { ms: number; text: string; by: MessageSpec['by'] } | null,
): Record<string, unknown> {
  const spec = story.messages[i];
  const id = gorgiasMessageId(story.id, i);
  const own = spec.text(ctx);
  const fromAgent = spec.by !== 'customer';
  const note = spec.by === 'note';
  const quoteAuthor =
    quoted && quoted.by !== 'customer' ? `${AGENT.name} at ${ctx.shopName} <${AGENT.email}>` : `${requester.name} <${requester.email}>`;
  const bodyText = quoted
    ? `${own}\n\nOn ${quoteHeaderDate(quoted.ms)}, ${quoteAuthor} wrote:\n${quoted.text
        .split('\n')
        .map((l) => `> ${l}`.trimEnd())
        .join('\n')}`
    : own;
  const channel = note ? 'internal-note' : story.channel;
  const via = fromAgent ? 'helpdesk' : story.channel;
  const sender = fromAgent
    ? { id: AGENT.id, email: AGENT.email, name: AGENT.name }
    : { id: requester.id, email: requester.email, name: requester.name };
  const receiver = note
    ? null
    : fromAgent
      ? { id: requester.id, email: requester.email, name: requester.name }
      : { id: AGENT.id, email: AGENT.email, name: `${ctx.shopName} Support` };
  const at = gorgiasTime(ms);
  return {
    id,
    uri: `/api/tickets/${story.id}/messages/${id}/`,
    ticket_id: story.id,
    message_id:
      story.channel === 'email' && !note
        ? `<${id}.${hash32(`${story.id}:${i}`).toString(16)}@${fromAgent ? 'gorgias.mail' : 'mail.example.com'}>`
        : null,
    from_agent: fromAgent,
    public: !note,
    channel,
    via,
    subject: note ? null : i === 0 ? subject : `Re: ${subject}`,
    body_text: bodyText,
    body_html: html(bodyText),
    stripped_text: own,
    stripped_html: html(own),
    sender,
    receiver,
    source: note
      ? { type: 'internal-note' }
      : {
          type: channel,
          from: { name: sender.name, address: sender.email },
          to: receiver ? [{ name: receiver.name, address: receiver.email }] : [],
        },
    attachments: (spec.attachments ?? []).map((a, k) => ({
      url: `https://uploads.gorgias.io/${gorgiasDomain}/${hash32(`${story.id}:${i}:${k}`).toString(16)}/${a.name}`,
      name: a.name,
      size: a.size,
      content_type: a.contentType,
      public: true,
      extra: {},
    })),
    // Gorgias detects intents only on incoming customer messages.
    intents: fromAgent ? [] : (spec.gorgiasIntents ?? []).map((name) => ({ name })),
    sentiments: fromAgent ? [] : (spec.sentiments ?? []).map((name) => ({ name })),
    macros: [],
    actions: null,
    created_datetime: at,
    sent_datetime: fromAgent && !note ? at : null,
    opened_datetime: null,
    failed_datetime: null,
    last_sending_error: null,
    meta: null,
  };
}

/**
 * One `{{context}}` body per message, in order: the ticket as Gorgias would send it right after
 * that message was created, with every message so far.
 */
export function ticketEvents(
  story: TicketStory,
  ctx: TicketCtx,
  times: number[],
  opts: { gorgiasDomain: string },
): Array<{ ms: number; messageId: number; body: { ticket: Record<string, unknown>; message: Record<string, unknown> } }> {
  const requester = requesterFor(story);
  const subject = story.subject(ctx);
  const built: BuiltMessage[] = [];
  const out: Array<{ ms: number; messageId: number; body: { ticket: Record<string, unknown>; message: Record<string, unknown> } }> = [];
  let assigned = false;
  let closedMs: number | null = null;
  story.messages.forEach((spec, i) => {
    const ms = times[i];
    const q =
      spec.quotes !== undefined
        ? { ms: times[spec.quotes], text: story.messages[spec.quotes].text(ctx), by: story.messages[spec.quotes].by }
        : null;
    const message = messageBody(story, i, ms, ctx, requester, subject, opts.gorgiasDomain, q);
    built.push({ ms, body: message });
    if (spec.by !== 'customer') assigned = true;
    // A new customer message reopens a closed ticket; an agent's "send & close" closes it.
    if (spec.by === 'customer') closedMs = null;
    if (spec.close) closedMs = ms;
    const customerMessages = built.filter((_, k) => story.messages[k].by === 'customer');
    const publicMessages = built.filter((_, k) => story.messages[k].by !== 'note');
    const first = built[0].body;
    const ticket = {
      id: story.id,
      uri: `/api/tickets/${story.id}/`,
      external_id: null,
      language: 'en',
      status: closedMs !== null ? 'closed' : 'open',
      priority: story.tags.includes('vip') ? 'high' : 'normal',
      channel: story.channel,
      via: story.channel,
      from_agent: false,
      spam: false,
      subject,
      excerpt: String(first.stripped_text).slice(0, 100),
      account: { domain: opts.gorgiasDomain },
      customer: {
        id: requester.id,
        email: requester.email,
        name: requester.name,
        firstname: requester.firstname,
        lastname: requester.lastname,
        integrations: {},
        data: null,
      },
      assignee_user: assigned
        ? { id: AGENT.id, email: AGENT.email, name: AGENT.name, firstname: AGENT.firstname, lastname: AGENT.lastname }
        : null,
      assignee_team: null,
      tags: story.tags.map((name) => ({ id: 5100000 + (hash32(name) % 90000), name, decoration: null })),
      messages: built.map((m) => m.body),
      messages_count: built.length,
      created_datetime: gorgiasTime(built[0].ms),
      opened_datetime: assigned ? gorgiasTime(built.find((_, k) => story.messages[k].by !== 'customer')!.ms) : null,
      last_received_message_datetime: customerMessages.length ? gorgiasTime(customerMessages[customerMessages.length - 1].ms) : null,
      last_message_datetime: gorgiasTime(publicMessages[publicMessages.length - 1].ms),
      updated_datetime: gorgiasTime(ms),
      closed_datetime: closedMs !== null ? gorgiasTime(closedMs) : null,
      snooze_datetime: null,
      trashed_datetime: null,
      meta: null,
    };
    out.push({ ms, messageId: gorgiasMessageId(story.id, i), body: { ticket, message } });
  });
  return out;
}
