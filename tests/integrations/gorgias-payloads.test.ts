import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import docsSample from '../fixtures/gorgias/context.docs-sample.json';
import {
  gorgiasEventId,
  parseGorgiasContext,
  parseGorgiasWidgetQuery,
  type ParsedGorgiasContext,
} from '@/lib/integrations/gorgias/payloads';

// Raw bodies are edited freely to build each case, as Gorgias could send them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;
const sample = (): Json => structuredClone(docsSample) as Json;

function parsedOk(body: unknown): Extract<ParsedGorgiasContext, { ok: true }> {
  const result = parseGorgiasContext(body);
  if (!result.ok) throw new Error(`expected a valid context, got: ${result.error}`);
  return result;
}

describe('parseGorgiasContext: the docs sample', () => {
  it('maps the ticket', () => {
    const { ticket } = parsedOk(sample());
    expect(ticket).toMatchObject({
      id: '86538298',
      accountDomain: 'acme',
      status: 'open',
      channel: 'email',
      via: 'email',
      subject: 'Where is my order?',
      customer: { id: '387705374', email: 'jane@example.com', name: 'Jane Doe', channels: [] },
      assigneeUserEmail: 'agent@acme.com',
      assigneeTeamId: null,
      tags: [],
      closedAt: null,
    });
    expect(ticket.createdAt?.toISOString()).toBe('2026-11-20T10:00:00.000Z');
    expect(ticket.updatedAt?.toISOString()).toBe('2026-11-20T10:00:00.000Z');
    expect(ticket.messages).toHaveLength(1);
  });

  it('completes the trimmed top-level message from the same message in ticket.messages', () => {
    const { message } = parsedOk(sample());
    expect(message).not.toBeNull();
    expect(message).toMatchObject({
      id: '208822164',
      ticketId: '86538298',
      fromAgent: false,
      internalNote: false,
      channel: 'email', // only present in ticket.messages
      via: 'email',
      bodyText: 'Hi, where is my order #1002?',
      strippedText: 'Hi, where is my order #1002?',
      senderEmail: null,
      sentAt: null,
      attachmentCount: 0,
      gorgiasIntents: ['shipping/status'],
    });
    expect(message!.createdAt?.toISOString()).toBe('2026-11-20T10:00:00.000Z');
  });

  it('gives the event a message-based id', () => {
    const { ticket, message } = parsedOk(sample());
    expect(gorgiasEventId(ticket, message)).toBe('message:208822164:2026-11-20T10:00:00.000Z');
  });
});

describe('gorgiasEventId: dedupe', () => {
  it('gives a redelivery of the same body the same id', () => {
    const first = parsedOk(sample());
    const again = parsedOk(JSON.parse(JSON.stringify(sample())));
    expect(gorgiasEventId(again.ticket, again.message)).toBe(gorgiasEventId(first.ticket, first.message));
  });

  it('keeps a later snapshot that carries the same message (e.g. the ticket was closed) as a new event', () => {
    const first = parsedOk(sample());
    const laterBody = sample();
    laterBody.ticket.status = 'closed';
    laterBody.ticket.updated_datetime = '2026-11-20T11:30:00Z';
    const later = parsedOk(laterBody);
    expect(gorgiasEventId(later.ticket, later.message)).not.toBe(gorgiasEventId(first.ticket, first.message));
  });

  it('uses ticket id + updated_datetime when there is no message', () => {
    const body = sample();
    delete body.message;
    const { ticket, message } = parsedOk(body);
    expect(message).toBeNull();
    expect(gorgiasEventId(ticket, message)).toBe('ticket:86538298:2026-11-20T10:00:00.000Z');
  });

  it('still tells snapshots apart when updated_datetime is missing', () => {
    const a = sample();
    delete a.message;
    delete a.ticket.updated_datetime;
    const b = structuredClone(a);
    b.ticket.status = 'closed';
    const pa = parsedOk(a);
    const pb = parsedOk(b);
    expect(gorgiasEventId(pa.ticket, null)).toBe(gorgiasEventId(parsedOk(structuredClone(a)).ticket, null));
    expect(gorgiasEventId(pa.ticket, null)).not.toBe(gorgiasEventId(pb.ticket, null));
  });
});

describe('parseGorgiasContext: who wrote the message', () => {
  it("recognises an agent's own reply", () => {
    const body = sample();
    body.ticket.messages.push({
      id: 208822999,
      from_agent: true,
      channel: 'email',
      via: 'helpdesk',
      body_text: 'Your order shipped yesterday.',
      sender: { email: 'agent@acme.com', name: 'Sam Agent' },
      created_datetime: '2026-11-20T10:05:00Z',
      sent_datetime: '2026-11-20T10:05:02Z',
      ticket_id: 86538298,
    });
    body.message = { id: 208822999, from_agent: true, body_text: 'Your order shipped yesterday.' };
    const { message, ticket } = parsedOk(body);
    expect(message).toMatchObject({
      fromAgent: true,
      internalNote: false,
      channel: 'email',
      senderEmail: 'agent@acme.com',
      senderName: 'Sam Agent',
    });
    expect(message!.sentAt?.toISOString()).toBe('2026-11-20T10:05:02.000Z');
    expect(ticket.messages.map((m) => m.fromAgent)).toEqual([false, true]);
  });

  it('flags an internal note, even when the top-level copy only has the id', () => {
    const body = sample();
    body.ticket.messages.push({
      id: 5551,
      from_agent: true,
      channel: 'internal-note',
      via: 'helpdesk',
      body_text: 'Customer called, VIP.',
    });
    body.message = { id: 5551 };
    const { message } = parsedOk(body);
    expect(message).toMatchObject({ id: '5551', internalNote: true, fromAgent: true, bodyText: 'Customer called, VIP.' });
  });

  it('treats an internal note without from_agent as written by an agent', () => {
    const body = sample();
    body.message = { id: 777, channel: 'internal-note', body_text: 'note' };
    const { message } = parsedOk(body);
    expect(message).toMatchObject({ internalNote: true, fromAgent: true });
  });

  it('counts attachments and reads body_html when body_text is missing', () => {
    const body = sample();
    body.message = {
      id: 778,
      channel: 'chat',
      body_html: '<p>It arrived <b>broken</b> &amp; wet</p>',
      attachments: [{ url: 'https://x/1.jpg' }, { url: 'https://x/2.jpg' }],
    };
    const { message } = parsedOk(body);
    expect(message).toMatchObject({ bodyText: 'It arrived broken & wet', attachmentCount: 2, fromAgent: false });
  });
});

describe('parseGorgiasContext: liberal about shape', () => {
  it('lets unknown fields pass and nulls fields of an unexpected type', () => {
    const body = sample();
    body.some_new_gorgias_field = { nested: [1, 2, 3] };
    body.ticket.priority = 'high';
    body.ticket.subject = { unexpected: true };
    body.ticket.channel = null;
    body.ticket.tags = [{ name: 'vip', decoration: { color: '#f00' } }, 'concord:wismo', { id: 3 }, 42];
    body.ticket.customer.channels = [{ type: 'email', address: 'jane@example.com', preferred: true }, 'junk'];
    body.ticket.messages[0].sentiments = [{ name: 'urgent' }];
    body.ticket.messages[0].created_datetime = 'not a date';
    const { ticket, message } = parsedOk(body);
    expect(ticket.subject).toBeNull();
    expect(ticket.channel).toBeNull();
    expect(ticket.tags).toEqual(['vip', 'concord:wismo']);
    expect(ticket.customer.channels).toEqual([{ type: 'email', address: 'jane@example.com' }]);
    expect(message!.createdAt).toBeNull();
  });

  it('reads string ids exactly like numeric ones', () => {
    const numeric = parsedOk(sample());
    const body = sample();
    body.ticket.id = '86538298';
    body.ticket.customer.id = '387705374';
    body.ticket.messages[0].id = '208822164';
    body.ticket.messages[0].ticket_id = '86538298';
    body.message.id = '208822164';
    body.ticket.assignee_team = { id: '12' };
    const stringy = parsedOk(body);
    expect(stringy.ticket.id).toBe(numeric.ticket.id);
    expect(stringy.ticket.customer.id).toBe(numeric.ticket.customer.id);
    expect(stringy.ticket.assigneeTeamId).toBe('12');
    expect(stringy.message!.id).toBe(numeric.message!.id);
    expect(stringy.message!.channel).toBe('email'); // still completed from ticket.messages across id types
    expect(gorgiasEventId(stringy.ticket, stringy.message)).toBe(gorgiasEventId(numeric.ticket, numeric.message));
  });

  it('reads Gorgias datetimes without an offset as UTC', () => {
    const body = sample();
    body.ticket.updated_datetime = '2021-01-07T13:00:00.123456';
    body.ticket.closed_datetime = '2021-01-07T14:00:00.5+00:00';
    const { ticket } = parsedOk(body);
    expect(ticket.updatedAt?.toISOString()).toBe('2021-01-07T13:00:00.123Z');
    expect(ticket.closedAt?.toISOString()).toBe('2021-01-07T14:00:00.500Z');
  });

  it('falls back to requester and customer_id for the customer', () => {
    const body = sample();
    delete body.ticket.customer;
    body.ticket.requester = { email: 'old@example.com', name: 'Old Style' };
    body.ticket.customer_id = 42;
    const { ticket } = parsedOk(body);
    expect(ticket.customer).toMatchObject({ id: '42', email: 'old@example.com', name: 'Old Style' });
  });

  it('reads a short payload with only a ticket id', () => {
    const { ticket, message } = parsedOk({ ticket: { id: 5 } });
    expect(ticket).toMatchObject({
      id: '5',
      status: 'unknown',
      customer: { id: null, email: null, name: null },
      tags: [],
      messages: [],
      updatedAt: null,
    });
    expect(message).toBeNull();
  });

  it('treats an empty or null message as no message', () => {
    for (const m of [{}, null, { id: null }]) {
      const body = sample();
      body.message = m;
      expect(parsedOk(body).message).toBeNull();
    }
  });

  it('skips a ticket message without an id instead of rejecting the event', () => {
    const body = sample();
    body.ticket.messages.push({ body_text: 'no id here' });
    expect(parsedOk(body).ticket.messages.map((m) => m.id)).toEqual(['208822164']);
  });
});

describe('parseGorgiasContext: garbage', () => {
  it.each([
    ['null', null, /JSON object/],
    ['a string', 'hello', /JSON object/],
    ['a number', 42, /JSON object/],
    ['an array', [{ ticket: { id: 1 } }], /JSON object/],
    ['an empty object', {}, /ticket/],
    ['a ticket that is not an object', { ticket: 'x' }, /ticket/],
    ['a ticket without id', { ticket: { status: 'open' } }, /ticket\.id/],
    ['a ticket with an empty id', { ticket: { id: '  ' } }, /ticket\.id/],
    ['a ticket with a fractional id', { ticket: { id: 1.5 } }, /ticket\.id/],
  ])('rejects %s with a clear error', (_name, body, pattern) => {
    const result = parseGorgiasContext(body);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(pattern);
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        parseGorgiasContext(value);
        parseGorgiasContext({ ticket: value, message: value });
        parseGorgiasContext({ ticket: { id: 1, messages: [value], customer: value, tags: value }, message: value });
      }),
      { numRuns: 300 },
    );
  });
});

describe('parseGorgiasWidgetQuery', () => {
  it('reads email and ticket', () => {
    expect(parseGorgiasWidgetQuery(new URLSearchParams('email=%20Jane@Example.com%20&ticket=86538298&account=Acme'))).toEqual({
      ok: true,
      query: { email: 'jane@example.com', ticketId: '86538298', account: 'acme' },
    });
  });

  it('treats empty, "None" and unrendered template values as absent', () => {
    expect(parseGorgiasWidgetQuery({ email: 'None', ticket: '123' })).toEqual({
      ok: true,
      query: { email: null, ticketId: '123', account: null },
    });
    expect(parseGorgiasWidgetQuery({ email: 'a@b.co', ticket: '{{ticket.id}}' })).toEqual({
      ok: true,
      query: { email: 'a@b.co', ticketId: null, account: null },
    });
    expect(parseGorgiasWidgetQuery({ email: '', ticket: '7' })).toEqual({ ok: true, query: { email: null, ticketId: '7', account: null } });
  });

  it('asks for at least one of them', () => {
    const result = parseGorgiasWidgetQuery(new URLSearchParams('email=None'));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain('?email={{ticket.customer.email}}&ticket={{ticket.id}}');
  });

  it('rejects a non-numeric ticket and a malformed email', () => {
    const badTicket = parseGorgiasWidgetQuery({ ticket: 'abc' });
    expect(badTicket.ok).toBe(false);
    if (!badTicket.ok) expect(badTicket.error).toMatch(/ticket must be a Gorgias ticket id/);
    const badEmail = parseGorgiasWidgetQuery({ email: 'not an email', ticket: '1' });
    expect(badEmail.ok).toBe(false);
    if (!badEmail.ok) expect(badEmail.error).toMatch(/email must be an email address/);
  });
});
