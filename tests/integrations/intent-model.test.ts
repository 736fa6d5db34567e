import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import OpenAI from 'openai';
import { classifyMessage } from '@/lib/intents/classify-message';

const BASE = 'http://openai.test/v1';
const completion = (content: string) => ({
  id: 'c',
  object: 'chat.completion',
  created: 1,
  model: 'm',
  choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content } }],
});
let bodies: { messages: { role: string; content: string }[] }[] = [];
const server = setupServer();
// Built after msw starts listening: the SDK captures fetch when it is constructed.
let openai: OpenAI;

describe('model fallback for unsure rules', () => {
  beforeAll(() => {
    server.listen({ onUnhandledRequest: 'error' });
    openai = new OpenAI({ apiKey: 'test', baseURL: BASE, maxRetries: 0, timeout: 1000 });
  });
  afterEach(() => {
    server.resetHandlers();
    bodies = [];
  });
  afterAll(() => server.close());
  const answer = (fn: () => Response) =>
    server.use(
      http.post(`${BASE}/chat/completions`, async ({ request }) => {
        bodies.push((await request.json()) as never);
        return fn();
      }),
    );

  it('asks the model only when the rules are unsure, with the message fenced as data', async () => {
    answer(() => HttpResponse.json(completion(JSON.stringify({ intent: 'other', confidence: 0.7, reasons: ['a question about sizing'] }))));
    const sure = await classifyMessage({ text: 'Where is my order #1043?' }, { openai, model: 'm' });
    expect(sure.decidedBy).toBe('rules');
    expect(bodies).toHaveLength(0);
    const unsure = await classifyMessage({ text: 'hmm so about the thing from before' }, { openai, model: 'm' });
    expect(unsure, unsure.reasons.join(' / ')).toMatchObject({ intent: 'other', decidedBy: 'model', confidence: 0.7 });
    expect(bodies[0].messages[1].content).toContain('<customer_message>');
    expect(bodies[0].messages[0].content).not.toContain('hmm so about');
  });

  it('keeps the rules’ answer when the model fails or answers garbage', async () => {
    answer(() => HttpResponse.json(completion('not json at all')));
    const garbage = await classifyMessage({ text: 'hmm ok' }, { openai, model: 'm' });
    expect(garbage.decidedBy).toBe('rules');
    expect(garbage.reasons.at(-1)).toMatch(/model unavailable/);
    answer(() => HttpResponse.json(completion(JSON.stringify({ intent: 'teleport', confidence: 2, reasons: [] }))));
    expect((await classifyMessage({ text: 'hmm ok' }, { openai, model: 'm' })).decidedBy).toBe('rules');
    answer(() => HttpResponse.json({ error: { message: 'rate limited' } }, { status: 429 }));
    expect((await classifyMessage({ text: 'hmm ok' }, { openai, model: 'm' })).reasons.at(-1)).toMatch(/model unavailable/);
  });

  it('uses the rules alone when no model is configured', async () => {
    expect(await classifyMessage({ text: 'hmm ok' }, { openai: null, model: 'm' })).toMatchObject({ decidedBy: 'rules', intent: 'other' });
  });
});
