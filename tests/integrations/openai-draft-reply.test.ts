import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { delay, HttpResponse } from 'msw';
import type { Config } from '@/lib/runtime/config';
import { templateDraft } from '@/lib/domain/drafts/templates';
import { generateDraft, TEMPLATES_VERSION } from '@/lib/drafts/compose-draft';
import { createOpenAI } from '@/lib/integrations/openai/client';
import { DraftModelError, streamDraftReply } from '@/lib/integrations/openai/draft-reply';
import { loadPrompt } from '@/lib/integrations/openai/load-prompt';
import { draftCtx } from '../helpers/draft-context-fixture';
import { chunk, completions, DONE, sse, streamOf, testOpenAI, type SeenRequest } from '../helpers/openai-sse';

const server = setupServer();
let seen: SeenRequest[] = [];
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  seen = [];
});
afterAll(() => server.close());

const prompt = loadPrompt('draft-reply');
const GROUNDED = [
  'Hi Pat,\n\n',
  'Your order #1043 is on its way with UPS ',
  'and should arrive on Thursday, November 26. ',
  'Tracking: 1Z999AA10123456784.\n\n',
  'Warm wishes,\nSam at Northwind',
];

async function collect(iter: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const d of iter) out.push(d);
  return out;
}

describe('streamDraftReply', () => {
  it('yields the text deltas of a streamed completion, in order', async () => {
    server.use(completions(seen, () => sse(streamOf(GROUNDED))));
    const deltas = await collect(streamDraftReply(testOpenAI(), 'gpt-test', draftCtx(), prompt));
    expect(deltas).toEqual(GROUNDED);
  });

  it('sends the prompt version’s text as the system message and the context in the user message', async () => {
    server.use(completions(seen, () => sse(streamOf(GROUNDED))));
    await collect(streamDraftReply(testOpenAI(), 'gpt-test', draftCtx(), prompt));
    expect(seen).toHaveLength(1);
    const { body } = seen[0];
    expect(body.model).toBe('gpt-test');
    expect(body.stream).toBe(true);
    const [system, user] = body.messages;
    expect(system.role).toBe('system');
    // Every line of the prompt file that has no placeholder is sent verbatim.
    for (const line of prompt.text.split('\n').filter((l) => l.trim() && !l.includes('{{'))) expect(system.content).toContain(line);
    expect(user.role).toBe('user');
    expect(user.content).toContain('"name": "#1043"');
    expect(user.content).toContain('"trackingNumber": "1Z999AA10123456784"');
    expect(user.content).toContain('"estimatedDeliveryAt": "2026-11-26T20:00:00.000Z"');
    expect(user.content).toContain('ALLOWED_PROMISES: none (promise nothing)');
    // The customer's words are inside the fence, as data, and only there.
    const fenced = user.content.slice(user.content.indexOf('<<<CUSTOMER_MESSAGE'), user.content.indexOf('CUSTOMER_MESSAGE>>>'));
    expect(fenced).toContain('Hi, where is my order #1043? It has been a while.');
    expect(user.content.indexOf('It has been a while')).toBe(user.content.lastIndexOf('It has been a while'));
  });

  it('throws a timeout when the API does not answer in time', async () => {
    server.use(
      completions(seen, async () => {
        await delay(2_000);
        return sse(streamOf(GROUNDED));
      }),
    );
    await expect(collect(streamDraftReply(testOpenAI(), 'gpt-test', draftCtx(), prompt, { timeoutMs: 150 }))).rejects.toMatchObject({
      failure: 'timeout',
    });
  });

  it('throws a timeout when the stream stalls part-way (the SDK’s own timeout stops at the headers)', async () => {
    server.use(completions(seen, () => sse(streamOf(GROUNDED), { hangAfter: 3 })));
    const got: string[] = [];
    const run = async () => {
      for await (const d of streamDraftReply(testOpenAI(5_000), 'gpt-test', draftCtx(), prompt, { timeoutMs: 200 })) got.push(d);
    };
    await expect(run()).rejects.toMatchObject({ failure: 'timeout' });
    expect(got).toEqual(GROUNDED.slice(0, 2));
  });

  it('throws rate_limited on a 429', async () => {
    server.use(
      completions(seen, () =>
        HttpResponse.json({ error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } }, { status: 429 }),
      ),
    );
    const err = await collect(streamDraftReply(testOpenAI(), 'gpt-test', draftCtx(), prompt)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DraftModelError);
    expect(err).toMatchObject({ failure: 'rate_limited', message: 'the model API is rate-limiting requests (HTTP 429)' });
  });

  it('throws malformed on a chunk that is not JSON', async () => {
    // The broken event comes last: see sse() on why nothing may follow it under msw.
    server.use(completions(seen, () => sse([chunk('Hi Pat,'), 'data: {"choices": [ {"delta": \n\n'])));
    await expect(collect(streamDraftReply(testOpenAI(), 'gpt-test', draftCtx(), prompt))).rejects.toMatchObject({ failure: 'malformed' });
  });

  it('throws malformed on JSON in the wrong shape', async () => {
    server.use(completions(seen, () => sse([chunk('Hi'), 'data: {"choices": "not a list"}\n\n', DONE])));
    await expect(collect(streamDraftReply(testOpenAI(), 'gpt-test', draftCtx(), prompt))).rejects.toMatchObject({ failure: 'malformed' });
  });

  it('throws truncated when the model stops at its length limit', async () => {
    server.use(completions(seen, () => sse(streamOf(['Hi Pat, your order'], 'length'))));
    await expect(collect(streamDraftReply(testOpenAI(), 'gpt-test', draftCtx(), prompt))).rejects.toMatchObject({ failure: 'truncated' });
  });

  it('stops when the caller aborts', async () => {
    server.use(completions(seen, () => sse(streamOf(GROUNDED), { hangAfter: 2 })));
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    await expect(
      collect(streamDraftReply(testOpenAI(), 'gpt-test', draftCtx(), prompt, { signal: ac.signal, timeoutMs: 5_000 })),
    ).rejects.toMatchObject({ failure: 'aborted' });
  });
});

describe('generateDraft', () => {
  const model = () => ({ openai: testOpenAI(), model: 'gpt-test' });

  it('uses the model when one is configured, streaming each delta and checking grounding', async () => {
    server.use(completions(seen, () => sse(streamOf(GROUNDED))));
    const deltas: string[] = [];
    const d = await generateDraft(model(), draftCtx(), { onDelta: (t) => deltas.push(t) });
    expect(d).toEqual({
      text: GROUNDED.join('').trim(),
      source: 'model',
      model: 'gpt-test',
      promptVersion: prompt.version,
      templateId: null,
      grounding: { ok: true, spans: [] },
      error: null,
    });
    expect(deltas).toEqual(GROUNDED);
  });

  it('flags an ungrounded model draft but still returns it for the agent to fix', async () => {
    server.use(completions(seen, () => sse(streamOf(['Hi Pat, it arrives tomorrow with FedEx.']))));
    const d = await generateDraft(model(), draftCtx());
    expect(d.source).toBe('model');
    expect(d.grounding.ok).toBe(false);
    expect(d.grounding.spans.map((s) => s.kind)).toEqual(['date', 'carrier']);
  });

  const failures: [string, () => Response | Promise<Response>, RegExp][] = [
    [
      'a timeout',
      async () => {
        await delay(2_000);
        return sse(streamOf(GROUNDED));
      },
      /did not finish within 150 ms/,
    ],
    ['a 429', () => HttpResponse.json({ error: { message: 'Rate limit reached' } }, { status: 429 }), /HTTP 429/],
    ['a 500', () => HttpResponse.json({ error: { message: 'boom' } }, { status: 500 }), /HTTP 500/],
    ['malformed JSON chunks', () => sse([chunk('Hi'), 'data: not json at all\n\n']), /malformed JSON/],
    ['an empty stream', () => sse([chunk(''), chunk(null, 'stop'), DONE]), /empty draft/],
    ['only whitespace', () => sse(streamOf(['  \n\n  '])), /empty draft/],
    ['a cut-off draft', () => sse(streamOf(['Hi Pat, your'], 'length')), /length limit/],
  ];
  for (const [label, reply, error] of failures) {
    it(`falls back to the template on ${label}, recording why`, async () => {
      server.use(completions(seen, reply));
      const ctx = draftCtx();
      const d = await generateDraft(model(), ctx, { timeoutMs: 150 });
      const t = templateDraft(ctx);
      expect(d).toMatchObject({
        text: t.text,
        source: 'template',
        model: null,
        promptVersion: prompt.version,
        templateId: t.templateId,
        grounding: { ok: true, spans: [] },
      });
      expect(d.error).toMatch(/^model gpt-test failed, used the template: /);
      expect(d.error).toMatch(error);
      expect(seen).toHaveLength(1);
    });
  }

  it('tells a live stream that the template replaces a half-written model draft', async () => {
    server.use(completions(seen, () => sse(streamOf(GROUNDED), { hangAfter: 3 })));
    const deltas: string[] = [];
    const d = await generateDraft(model(), draftCtx(), { timeoutMs: 200, onDelta: (t) => deltas.push(t) });
    expect(d.source).toBe('template');
    expect(deltas.slice(0, 2)).toEqual(GROUNDED.slice(0, 2));
    expect(deltas[2]).toContain('showing the built-in template instead');
    expect(deltas[3]).toBe(d.text);
  });

  it('uses the template without any request when no key is configured', async () => {
    const openai = createOpenAI({ env: { OPENAI_API_KEY: undefined } } as unknown as Config);
    expect(openai).toBeNull();
    const deltas: string[] = [];
    const ctx = draftCtx();
    const d = await generateDraft({ openai, model: 'gpt-4.1-mini' }, ctx, { onDelta: (t) => deltas.push(t) });
    expect(d).toEqual({
      ...templateDraft(ctx),
      source: 'template',
      model: null,
      promptVersion: TEMPLATES_VERSION,
      grounding: { ok: true, spans: [] },
      error: null,
    });
    expect(deltas).toEqual([d.text]);
    expect(seen).toEqual([]); // onUnhandledRequest: 'error' would also have failed on any call
  });
});
