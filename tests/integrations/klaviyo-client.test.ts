import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { KlaviyoClient } from '@/lib/integrations/klaviyo/client';
import { ExternalApiError } from '@/lib/integrations/http';
import { checkKlaviyoSetup } from '@/lib/integrations/klaviyo/setup-guide';

const BASE = 'http://klaviyo.test';
const seen: { method: string; path: string; headers: Record<string, string>; body: unknown }[] = [];
const server = setupServer(
  http.all(`${BASE}/*`, async ({ request }) => {
    const url = new URL(request.url);
    seen.push({
      method: request.method,
      path: url.pathname + url.search,
      headers: Object.fromEntries(request.headers),
      body: request.method === 'GET' ? null : await request.json(),
    });
    if (url.pathname === '/api/profile-import') return HttpResponse.json({ data: { type: 'profile', id: '01PROFILE' } }, { status: 201 });
    if (url.pathname === '/api/events') return new HttpResponse(null, { status: 202 });
    if (url.pathname === '/api/profiles')
      return HttpResponse.json({
        data: [{ type: 'profile', id: '01PROFILE', attributes: { email: 'jane@example.com', properties: { concord_active_issue: true } } }],
      });
    if (url.pathname === '/api/segments') {
      return url.searchParams.get('page[cursor]')
        ? HttpResponse.json({ data: [{ type: 'segment', id: 's2', attributes: { name: 'Concord: open return' } }], links: { next: null } })
        : HttpResponse.json({
            data: [{ type: 'segment', id: 's1', attributes: { name: 'Concord: active issue' } }],
            links: { next: `${BASE}/api/segments?page%5Bcursor%5D=abc` },
          });
    }
    if (url.pathname === '/api/flows')
      return HttpResponse.json({ data: [{ type: 'flow', id: 'f1', attributes: { name: 'Welcome', status: 'live' } }], links: {} });
    return new HttpResponse('not found', { status: 404 });
  }),
);
const client = new KlaviyoClient({ apiKey: 'pk_test', baseUrl: BASE, revision: '2026-07-15', timeoutMs: 500 });

describe('Klaviyo client', () => {
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    seen.length = 0;
  });
  afterAll(() => server.close());

  it('upserts a profile with the exact JSON:API body and headers', async () => {
    const res = await client.upsertProfile({
      email: 'jane@example.com',
      externalId: 'shopify:77',
      properties: { concord_active_issue: true, concord_open_issue_count: 1 },
    });
    expect(res).toEqual({ id: '01PROFILE' });
    expect(seen[0]).toMatchObject({ method: 'POST', path: '/api/profile-import' });
    expect(seen[0].headers).toMatchObject({
      authorization: 'Klaviyo-API-Key pk_test',
      revision: '2026-07-15',
      'content-type': 'application/vnd.api+json',
      accept: 'application/vnd.api+json',
    });
    expect(seen[0].body).toEqual({
      data: {
        type: 'profile',
        attributes: {
          email: 'jane@example.com',
          external_id: 'shopify:77',
          properties: { concord_active_issue: true, concord_open_issue_count: 1 },
        },
      },
    });
  });

  it('sends events with a stable unique_id; a replay sends the same id', async () => {
    const ev = {
      metric: 'Concord Issue Resolved',
      email: 'jane@example.com',
      properties: { issue_key: 'delay:f1' },
      uniqueId: 'delay:f1:resolved:2026-11-24T10:00:00.000Z',
      time: '2026-11-24T10:00:00.000Z',
    };
    await client.createEvent(ev);
    await client.createEvent(ev);
    const body = {
      data: {
        type: 'event',
        attributes: {
          metric: { data: { type: 'metric', attributes: { name: 'Concord Issue Resolved' } } },
          profile: { data: { type: 'profile', attributes: { email: 'jane@example.com' } } },
          properties: { issue_key: 'delay:f1' },
          unique_id: 'delay:f1:resolved:2026-11-24T10:00:00.000Z',
          time: '2026-11-24T10:00:00.000Z',
        },
      },
    };
    expect(seen.map((s) => s.body)).toEqual([body, body]);
  });

  it('reads a profile by email with a quoted filter', async () => {
    expect(await client.getProfileByEmail('jane@example.com')).toEqual({ id: '01PROFILE', properties: { concord_active_issue: true } });
    expect(decodeURIComponent(seen[0].path)).toBe('/api/profiles?filter=equals(email,"jane@example.com")');
  });

  it('follows segment pagination and checks the setup by name', async () => {
    expect(await client.listSegments()).toEqual([
      { id: 's1', name: 'Concord: active issue' },
      { id: 's2', name: 'Concord: open return' },
    ]);
    const check = await checkKlaviyoSetup(client);
    expect(check.find((c) => c.item.name === 'Concord: active issue')!.found).toBe(true);
    expect(check.find((c) => c.item.name === 'Concord: VIP with active issue')!.found).toBe(false);
  });

  it('turns a 429 into a retryable error carrying Retry-After', async () => {
    server.use(http.post(`${BASE}/api/events`, () => new HttpResponse('slow down', { status: 429, headers: { 'Retry-After': '12' } })));
    const err = await client.createEvent({ metric: 'm', email: 'a@b.c', properties: {}, uniqueId: 'u', time: 't' }).catch((e) => e);
    expect(err).toBeInstanceOf(ExternalApiError);
    expect(err).toMatchObject({ status: 429, retryable: true, retryAfterMs: 12_000 });
  });

  it('treats 5xx as retryable and 4xx as permanent', async () => {
    server.use(http.post(`${BASE}/api/profile-import`, () => new HttpResponse('down', { status: 503 })));
    await expect(client.upsertProfile({ email: 'a@b.c', properties: {} })).rejects.toMatchObject({ retryable: true, status: 503 });
    server.use(http.post(`${BASE}/api/profile-import`, () => HttpResponse.json({ errors: [{ detail: 'bad email' }] }, { status: 400 })));
    await expect(client.upsertProfile({ email: 'nope', properties: {} })).rejects.toMatchObject({ retryable: false, status: 400 });
  });

  it('never calls an unsubscribe or suppression endpoint', async () => {
    await client.upsertProfile({ email: 'a@b.c', properties: { concord_active_issue: true } });
    await client.createEvent({ metric: 'Concord Issue Opened', email: 'a@b.c', properties: {}, uniqueId: 'x', time: 't' });
    expect(seen.every((s) => !/suppress|unsubscribe|subscription/i.test(s.path))).toBe(true);
  });

  it('lists every segment, past the 20 pages that used to stop at 200', async () => {
    server.use(
      http.get(`${BASE}/api/segments`, ({ request }) => {
        const page = Number(new URL(request.url).searchParams.get('page') ?? '0');
        const data = Array.from({ length: 10 }, (_, i) => ({
          type: 'segment',
          id: `s${page * 10 + i}`,
          attributes: { name: `Segment ${page * 10 + i}` },
        }));
        return HttpResponse.json({ data, links: { self: request.url, next: page < 24 ? `${BASE}/api/segments?page=${page + 1}` : null } });
      }),
    );
    const segments = await client.listSegments();
    expect(segments).toHaveLength(250);
    expect(segments.at(-1)).toEqual({ id: 's249', name: 'Segment 249' });
  });

  it('a 409 duplicate_profile merges the properties onto the profile Klaviyo names', async () => {
    const patched: unknown[] = [];
    server.use(
      http.post(`${BASE}/api/profile-import`, () =>
        HttpResponse.json(
          {
            errors: [
              {
                id: 'x',
                status: 409,
                code: 'duplicate_profile',
                title: 'Conflict.',
                detail: 'A profile already exists with one of these identifiers.',
                source: { pointer: '/data/attributes' },
                meta: { duplicate_profile_id: '01HDUP' },
              },
            ],
          },
          { status: 409 },
        ),
      ),
      http.patch(`${BASE}/api/profiles/01HDUP`, async ({ request }) => {
        patched.push(await request.json());
        return HttpResponse.json({ data: { type: 'profile', id: '01HDUP' } });
      }),
    );
    expect(
      await client.upsertProfile({ email: 'second@example.com', externalId: 'shopify:1', properties: { concord_active_issue: true } }),
    ).toEqual({ id: '01HDUP' });
    expect(patched).toEqual([{ data: { type: 'profile', id: '01HDUP', attributes: { properties: { concord_active_issue: true } } } }]);
  });

  it('any other 409 stays an error', async () => {
    server.use(
      http.post(`${BASE}/api/profile-import`, () => HttpResponse.json({ errors: [{ status: 409, code: 'conflict' }] }, { status: 409 })),
    );
    await expect(client.upsertProfile({ email: 'x@example.com', properties: {} })).rejects.toThrow(/409/);
  });
});
