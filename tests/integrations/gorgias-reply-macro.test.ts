import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { http, HttpResponse } from 'msw';
import macroSample from '../fixtures/gorgias/macro.docs-sample.json';
import { loadConfig } from '@/lib/runtime/config';
import { installGorgiasIntegration } from '@/lib/connections/install-gorgias-integration';
import { GorgiasClient } from '@/lib/integrations/gorgias/client';
import { REPLY_MACRO_EXTERNAL_ID, replyDraftVariable, replyMacro } from '@/lib/integrations/gorgias/reply-macro';
import { TEST_SECRETS } from '../helpers/app';

// The "insert reply draft" macro (issue 20.7), installed with the integration through Gorgias's
// REST API and shaped like the Macro object in Gorgias's reference (fixture: its example object).

const BASE = 'https://acme.gorgias.com';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const client = () => new GorgiasClient({ baseUrl: BASE, email: 'api@acme.com', apiKey: 'key-123', timeoutMs: 2000 });
const config = () => loadConfig({ ...TEST_SECRETS, DEMO_MODE: 'off', APP_URL: 'https://concord.example', DATABASE_URL: undefined });

function gorgias(macros: unknown[]) {
  const posted: unknown[] = [];
  server.use(
    http.get(`${BASE}/api/integrations`, () => HttpResponse.json({ data: [], meta: { next_cursor: null } })),
    http.post(`${BASE}/api/integrations`, () => HttpResponse.json({ id: 77 }, { status: 201 })),
    http.post(`${BASE}/api/widgets`, () => HttpResponse.json({ id: 5 }, { status: 201 })),
    http.get(`${BASE}/api/macros`, () => HttpResponse.json({ data: macros, meta: { next_cursor: null } })),
    http.post(`${BASE}/api/macros`, async ({ request }) => {
      posted.push(await request.json());
      return HttpResponse.json({ ...macroSample, id: 901 }, { status: 201 });
    }),
  );
  return posted;
}

describe('the reply macro', () => {
  it('sets the response text from the draft Gorgias stored for Concord’s integration', () => {
    const macro = replyMacro('77');
    expect(replyDraftVariable('77')).toBe('{{ticket.customer.integrations[77].ticket._reply_draft}}');
    // The same action name and argument keys as the reference's example macro.
    const sampleAction = macroSample.actions.find((a) => a.name === 'setResponseText')!;
    expect(macro.actions).toHaveLength(1);
    expect(macro.actions[0].name).toBe(sampleAction.name);
    expect(Object.keys(macro.actions[0].arguments).sort()).toEqual(Object.keys(sampleAction.arguments).sort());
    expect(macro.actions[0].arguments.body_text).toBe(replyDraftVariable('77'));
  });

  it('is installed once, with the integration and the widget', async () => {
    const posted = gorgias([macroSample]);
    const first = await installGorgiasIntegration(client(), config());
    expect(first).toMatchObject({ integrationId: '77', widgetId: '5', macroId: '901', createdMacro: true });
    expect(posted).toEqual([replyMacro('77')]);

    const again = gorgias([macroSample, { ...macroSample, id: 901, external_id: REPLY_MACRO_EXTERNAL_ID }]);
    expect(await installGorgiasIntegration(client(), config())).toMatchObject({ macroId: '901', createdMacro: false });
    expect(again).toEqual([]);
  });
});
