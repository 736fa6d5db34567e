import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { http, HttpResponse } from 'msw';
import docsSample from '../fixtures/gorgias/context.docs-sample.json';
import { loadConfig } from '@/lib/runtime/config';
import { ExternalApiError } from '@/lib/integrations/http';
import { GorgiasClient, gorgiasBaseUrl, gorgiasClientFromConfig } from '@/lib/integrations/gorgias/client';
import { CONCORD_WIDGET_TEMPLATE } from '@/lib/integrations/gorgias/widget-template';

const BASE = 'https://acme.gorgias.com';
const EXPECTED_AUTH = `Basic ${Buffer.from('api@acme.com:key-123').toString('base64')}`;

interface Seen {
  method: string;
  url: string;
  authorization: string | null;
  body: unknown;
}
let seen: Seen[] = [];

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  seen = [];
});
afterAll(() => server.close());

/** Records every request and answers with `reply`. */
function answer(method: 'get' | 'post' | 'put' | 'delete', path: string, reply: () => Response) {
  server.use(
    http[method](`${BASE}${path}`, async ({ request }) => {
      const text = await request.text();
      seen.push({
        method: request.method,
        url: request.url,
        authorization: request.headers.get('authorization'),
        body: text ? JSON.parse(text) : undefined,
      });
      return reply();
    }),
  );
}

const client = () => new GorgiasClient({ baseUrl: BASE, email: 'api@acme.com', apiKey: 'key-123', timeoutMs: 2000 });

describe('GorgiasClient requests', () => {
  it('adds tags with POST /api/tickets/{id}/tags and Basic auth, never a PUT of the ticket', async () => {
    answer('post', '/api/tickets/123/tags', () => new HttpResponse(null, { status: 204 }));
    const result = await client().addTags('123', ['concord:wismo', ' concord:automatable ', 'concord:wismo', '']);
    expect(result).toEqual({ ticketId: '123', added: ['concord:wismo', 'concord:automatable'] });
    expect(seen).toEqual([
      {
        method: 'POST',
        url: `${BASE}/api/tickets/123/tags`,
        authorization: EXPECTED_AUTH,
        body: { names: ['concord:wismo', 'concord:automatable'] },
      },
    ]);
  });

  it('makes no call for an empty tag list', async () => {
    expect(await client().addTags('123', [' '])).toEqual({ ticketId: '123', added: [] });
    expect(seen).toEqual([]);
  });

  it('removes tags with DELETE /api/tickets/{id}/tags', async () => {
    answer('delete', '/api/tickets/123/tags', () => new HttpResponse(null, { status: 204 }));
    await client().removeTags('123', ['concord:human-review']);
    expect(seen).toEqual([
      { method: 'DELETE', url: `${BASE}/api/tickets/123/tags`, authorization: EXPECTED_AUTH, body: { names: ['concord:human-review'] } },
    ]);
  });

  it('posts an internal note as the API user', async () => {
    answer('post', '/api/tickets/123/messages', () => HttpResponse.json({ id: 999, channel: 'internal-note' }, { status: 201 }));
    const result = await client().postInternalNote('123', { bodyText: 'Policy: refund <inside> window.\nSee Concord.' });
    expect(result).toEqual({ messageId: '999' });
    expect(seen[0].body).toEqual({
      channel: 'internal-note',
      from_agent: true,
      via: 'api',
      sender: { email: 'api@acme.com' },
      body_text: 'Policy: refund <inside> window.\nSee Concord.',
      body_html: '<p>Policy: refund &lt;inside&gt; window.<br>See Concord.</p>',
    });
    expect(seen[0].authorization).toBe(EXPECTED_AUTH);
  });

  it('sends a reply without sent_datetime, so Gorgias delivers it', async () => {
    answer('post', '/api/tickets/123/messages', () => HttpResponse.json({ id: 1000 }, { status: 201 }));
    const result = await client().sendReply('123', {
      channel: 'email',
      bodyText: 'Hi Jane',
      bodyHtml: '<p>Hi <b>Jane</b></p>',
      receiverEmail: 'jane@example.com',
      senderEmail: 'support@acme.com',
    });
    expect(result).toEqual({ messageId: '1000' });
    expect(seen[0].body).toEqual({
      channel: 'email',
      from_agent: true,
      via: 'api',
      sender: { email: 'support@acme.com' },
      receiver: { email: 'jane@example.com' },
      source: { type: 'email', from: { address: 'support@acme.com' }, to: [{ address: 'jane@example.com' }] },
      body_text: 'Hi Jane',
      body_html: '<p>Hi <b>Jane</b></p>',
    });
    expect(seen[0].body).not.toHaveProperty('sent_datetime');
  });

  it('sends a chat reply without email routing', async () => {
    answer('post', '/api/tickets/9/messages', () => HttpResponse.json({}, { status: 201 }));
    const result = await client().sendReply('9', { channel: 'chat', bodyText: 'On its way!' });
    expect(result).toEqual({ messageId: null }); // 2xx without an id: the message exists, so no retry
    expect(seen[0].body).toEqual({
      channel: 'chat',
      from_agent: true,
      via: 'api',
      sender: { email: 'api@acme.com' },
      body_text: 'On its way!',
      body_html: '<p>On its way!</p>',
    });
  });

  it('assigns with PUT of the assignee fields only', async () => {
    answer('put', '/api/tickets/123', () => HttpResponse.json({ id: 123 }));
    await client().assignTicket('123', { teamId: 2 });
    await client().assignTicket('123', { teamId: '2', userId: 5 });
    await client().assignTicket('123', { userId: null });
    expect(seen.map((s) => s.body)).toEqual([
      { assignee_team: { id: 2 } },
      { assignee_team: { id: 2 }, assignee_user: { id: 5 } },
      { assignee_user: null },
    ]);
    expect(seen.every((s) => s.method === 'PUT')).toBe(true);
  });

  it('refuses an assignment with nothing to assign, without calling Gorgias', async () => {
    await expect(client().assignTicket('123', {})).rejects.toThrow(/teamId or a userId/);
    expect(seen).toEqual([]);
  });

  it('reads a ticket into the Concord shape', async () => {
    answer('get', '/api/tickets/86538298', () => HttpResponse.json({ ...docsSample.ticket, uri: '/api/tickets/86538298/' }));
    const ticket = await client().getTicket('86538298');
    expect(ticket).toMatchObject({ id: '86538298', customer: { email: 'jane@example.com' } });
    expect(ticket.messages[0]).toMatchObject({ id: '208822164', fromAgent: false, bodyText: 'Hi, where is my order #1002?' });
    expect(seen[0]).toMatchObject({ method: 'GET', authorization: EXPECTED_AUTH, body: undefined });
  });

  it('rejects a ticket answer of the wrong shape as not retryable', async () => {
    answer('get', '/api/tickets/1', () => HttpResponse.json({ error: 'nope' }));
    const err = await client()
      .getTicket('1')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExternalApiError);
    expect((err as ExternalApiError).retryable).toBe(false);
  });

  it('lists integrations across pages', async () => {
    server.use(
      http.get(`${BASE}/api/integrations`, ({ request }) => {
        const cursor = new URL(request.url).searchParams.get('cursor');
        seen.push({ method: 'GET', url: request.url, authorization: request.headers.get('authorization'), body: undefined });
        if (!cursor) {
          return HttpResponse.json({
            data: [
              {
                id: 1,
                name: 'Concord',
                type: 'http',
                http: { url: 'https://concord.example/api/gorgias/widget' },
                deactivated_datetime: null,
              },
              { id: 2, name: 'Shopify', type: 'shopify' },
            ],
            meta: { next_cursor: 'abc', prev_cursor: null },
          });
        }
        return HttpResponse.json({
          data: [
            { id: '3', name: 'Old', type: 'http', http: { url: 'https://old.example' }, deactivated_datetime: '2026-01-01T00:00:00Z' },
          ],
          meta: { next_cursor: null },
        });
      }),
    );
    expect(await client().listIntegrations()).toEqual([
      { id: '1', name: 'Concord', type: 'http', url: 'https://concord.example/api/gorgias/widget', deactivated: false },
      { id: '2', name: 'Shopify', type: 'shopify', url: null, deactivated: false },
      { id: '3', name: 'Old', type: 'http', url: 'https://old.example', deactivated: true },
    ]);
    expect(seen.map((s) => new URL(s.url).searchParams.get('cursor'))).toEqual([null, 'abc']);
  });

  it('creates the HTTP integration with the {{context}} body and the chosen triggers', async () => {
    answer('post', '/api/integrations', () => HttpResponse.json({ id: 77, type: 'http' }, { status: 201 }));
    const result = await client().createHttpIntegration({
      name: 'Concord',
      url: 'https://concord.example/api/gorgias/widget',
      headers: { Authorization: 'Bearer s3cret' },
      triggers: ['ticket-created', 'ticket-message-created'],
    });
    expect(result).toEqual({ id: '77' });
    expect(seen[0].body).toEqual({
      type: 'http',
      name: 'Concord',
      http: {
        url: 'https://concord.example/api/gorgias/widget',
        method: 'POST',
        headers: { Authorization: 'Bearer s3cret' },
        form: '{{context}}',
        request_content_type: 'application/json',
        response_content_type: 'application/json',
        triggers: { 'ticket-created': true, 'ticket-message-created': true },
      },
    });
  });

  it('creates the sidebar widget for the integration', async () => {
    answer('post', '/api/widgets', () => HttpResponse.json({ id: 5 }, { status: 201 }));
    expect(await client().createWidget({ integrationId: '77', template: CONCORD_WIDGET_TEMPLATE })).toEqual({ id: '5' });
    expect(seen[0].body).toEqual({ context: 'ticket', type: 'http', integration_id: 77, order: 0, template: CONCORD_WIDGET_TEMPLATE });
  });

  it('fails a create that answers without an id, not retryable', async () => {
    answer('post', '/api/widgets', () => HttpResponse.json({ ok: true }));
    const err = await client()
      .createWidget({ integrationId: '77', template: {} })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExternalApiError);
    expect((err as ExternalApiError).retryable).toBe(false);
  });

  it('encodes ticket ids into the path', async () => {
    server.use(
      http.post(`${BASE}/api/tickets/:id/tags`, ({ params }) => {
        seen.push({ method: 'POST', url: String(params.id), authorization: null, body: undefined });
        return new HttpResponse(null, { status: 204 });
      }),
    );
    await client().addTags('12/../34', ['x']);
    expect(seen[0].url).toBe('12/../34'); // one path segment, not a traversal
  });
});

describe('GorgiasClient errors', () => {
  it('turns 429 into a retryable ExternalApiError that carries Retry-After', async () => {
    answer('post', '/api/tickets/123/tags', () =>
      HttpResponse.json(
        { error: 'rate limited' },
        { status: 429, headers: { 'Retry-After': '7', 'X-Gorgias-Account-Api-Call-Limit': '40/40' } },
      ),
    );
    const err = await client()
      .addTags('123', ['a'])
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExternalApiError);
    expect(err).toMatchObject({ system: 'gorgias', status: 429, retryable: true, retryAfterMs: 7000 });
  });

  it('turns 500 into a retryable error without a wait hint', async () => {
    answer('put', '/api/tickets/123', () => HttpResponse.json({ error: 'boom' }, { status: 500 }));
    const err = await client()
      .assignTicket('123', { teamId: 2 })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ system: 'gorgias', status: 500, retryable: true, retryAfterMs: null });
  });

  it('turns 404 into an error that is not retried', async () => {
    answer('get', '/api/tickets/404', () => HttpResponse.json({ error: 'Not found' }, { status: 404 }));
    const err = await client()
      .getTicket('404')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExternalApiError);
    expect(err).toMatchObject({ status: 404, retryable: false });
  });

  it('never puts the API key in the error message', async () => {
    answer('post', '/api/tickets/123/messages', () => HttpResponse.json({ error: 'bad' }, { status: 400 }));
    const err = (await client()
      .postInternalNote('123', { bodyText: 'x' })
      .catch((e: unknown) => e)) as ExternalApiError;
    expect(err.message).not.toContain('key-123');
    expect(err.message).not.toContain(Buffer.from('api@acme.com:key-123').toString('base64'));
  });
});

describe('gorgiasClientFromConfig', () => {
  const env = {
    SHOPIFY_API_SECRET: 'x'.repeat(32),
    GORGIAS_INTEGRATION_SECRET: 'y'.repeat(32),
    SESSION_SECRET: 'z'.repeat(32),
    CRON_SECRET: 'w'.repeat(32),
    DEMO_MODE: 'off',
  };

  it('is null without Gorgias credentials', () => {
    expect(gorgiasClientFromConfig(loadConfig({ ...env }))).toBeNull();
  });

  it('uses https://{domain}.gorgias.com, or GORGIAS_BASE_URL when set', async () => {
    const creds = { GORGIAS_DOMAIN: 'acme', GORGIAS_API_EMAIL: 'api@acme.com', GORGIAS_API_KEY: 'key-123' };
    answer('post', '/api/tickets/1/tags', () => new HttpResponse(null, { status: 204 }));
    await gorgiasClientFromConfig(loadConfig({ ...env, ...creds }))!.addTags('1', ['a']);
    expect(seen[0]).toMatchObject({ url: `${BASE}/api/tickets/1/tags`, authorization: EXPECTED_AUTH });

    server.use(http.post('http://127.0.0.1:4010/api/tickets/1/tags', () => new HttpResponse(null, { status: 204 })));
    const overridden = gorgiasClientFromConfig(loadConfig({ ...env, ...creds, GORGIAS_BASE_URL: 'http://127.0.0.1:4010/api/' }))!;
    await expect(overridden.addTags('1', ['a'])).resolves.toEqual({ ticketId: '1', added: ['a'] });
  });

  it('accepts the subdomain in the forms admins paste', () => {
    for (const d of ['acme', 'ACME.gorgias.com', 'https://acme.gorgias.com/', 'acme.gorgias.com/app']) expect(gorgiasBaseUrl(d)).toBe(BASE);
  });
});
