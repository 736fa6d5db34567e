import { and, eq } from 'drizzle-orm';
import { http, HttpResponse, delay } from 'msw';
import { setupServer } from 'msw/node';
import type OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/lib/db/client';
import { auditLog, tickets } from '@/lib/db/schema';
import type { InboxEvent } from '@/lib/ingest/inbox-event';
import { INTENT_MODEL_ASKED, projectGorgiasEvent, type IntentModelDeps } from '@/lib/projection/project-gorgias-event';
import { gorgiasContext } from '../helpers/builders';
import { createTestDb } from '../helpers/db';
import { COMPLETIONS, testOpenAI } from '../helpers/openai-sse';

// The Gorgias ticket projection asks the model when the rules are unsure: msw stands in for OpenAI's
// chat completions endpoint (non-streamed JSON answer, the shape the SDK parses).
const completion = (content: string) => ({
  id: 'c',
  object: 'chat.completion',
  created: 1,
  model: 'gpt-test',
  choices: [{ index: 0, finish_reason: 'stop', logprobs: null, message: { role: 'assistant', content, refusal: null } }],
});
const server = setupServer();
let openai: OpenAI;
let db: Db;
let close: () => Promise<void>;
let asked = 0;
let eventId = 1;
const SHOP = 'acme-model.myshopify.com';

const answer = (body: unknown, wait = 0) =>
  server.use(
    http.post(COMPLETIONS, async () => {
      asked++;
      if (wait) await delay(wait);
      return HttpResponse.json(completion(JSON.stringify(body)));
    }),
  );

function event(ticketId: number, text: string): InboxEvent {
  const body = gorgiasContext({ ticketId, email: `pat${ticketId}@example.com`, text, subject: 'hello', domain: 'acme-model' });
  const id = eventId++;
  return {
    id,
    source: 'gorgias',
    shopId: SHOP,
    topic: 'ticket-message-created',
    eventId: `e${id}`,
    triggeredAt: null,
    body: JSON.stringify(body),
    receivedAt: new Date(),
  };
}

async function project(ticketId: number, text: string, model: Partial<IntentModelDeps> = {}) {
  const deps: IntentModelDeps = { openai, model: 'gpt-test', timeoutMs: 1_000, perHour: 10, ...model };
  await db.transaction((tx) => projectGorgiasEvent(tx, event(ticketId, text), new Date('2026-11-24T10:00:00Z'), { model: deps }));
  const [row] = await db
    .select()
    .from(tickets)
    .where(and(eq(tickets.shopId, SHOP), eq(tickets.gorgiasTicketId, String(ticketId))));
  return row;
}

describe('the ticket projection asks the model when the rules are unsure', () => {
  beforeAll(async () => {
    server.listen({ onUnhandledRequest: 'error' });
    openai = testOpenAI(1_000);
    const h = await createTestDb();
    db = h.db;
    close = h.close;
  });
  afterEach(() => {
    server.resetHandlers();
    asked = 0;
  });
  afterAll(async () => {
    server.close();
    await close();
  });

  it('stores the model’s answer with its reason, and still sends the ticket to a person', async () => {
    answer({ intent: 'wismo', confidence: 0.97, reasons: ['asks about the parcel from last week'] });
    const row = await project(9101, 'hmm so about the thing from before');
    expect(asked).toBe(1);
    expect(row).toMatchObject({ intent: 'wismo', intentDecidedBy: 'model', intentConfidence: 0.97 });
    expect(row.intentReasons?.[0]).toMatch(/^model gpt-test decided \(rules were unsure: other at 0\.4\)/);
    expect(row.intentReasons).toContain('model: asks about the parcel from last week');
    // a model's answer never automates by itself, however confident
    expect((row.verdict as { decision: string }).decision).toBe('human_review');
    const calls = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, INTENT_MODEL_ASKED), eq(auditLog.ticketId, '9101')));
    expect(calls).toHaveLength(1);
  });

  it('does not ask when the rules are sure', async () => {
    answer({ intent: 'other', confidence: 0.9, reasons: [] });
    const row = await project(9102, 'Where is my order #1043? It has been 10 days.');
    expect(asked).toBe(0);
    expect(row).toMatchObject({ intent: 'wismo', intentDecidedBy: 'rules' });
  });

  it('keeps the rules’ answer when the model is slower than the timeout', async () => {
    answer({ intent: 'refund', confidence: 0.9, reasons: [] }, 3_000);
    const t0 = Date.now();
    const row = await project(9103, 'hmm about that one thing', { timeoutMs: 300 });
    expect(Date.now() - t0).toBeLessThan(2_500);
    expect(row).toMatchObject({ intent: 'other', intentDecidedBy: 'rules' });
    expect(row.intentReasons?.at(-1)).toMatch(/model unavailable/);
  });

  it('stops asking when the hour’s budget is spent (counted in the database, across processes)', async () => {
    answer({ intent: 'damaged', confidence: 0.8, reasons: ['broken'] });
    // 9101 and 9103 above already spent two calls this hour; a budget of three leaves one.
    const first = await project(9104, 'well the thing is kind of weird now', { perHour: 3 });
    expect(first.intentDecidedBy).toBe('model');
    const second = await project(9105, 'and the other thing too honestly', { perHour: 3 });
    expect(asked).toBe(1);
    expect(second.intentDecidedBy).not.toBe('model');
    expect(second.intentReasons?.at(-1)).toMatch(/budget of model calls is spent/);
  });

  it('asks nothing without a configured model', async () => {
    const row = await project(9106, 'hmm so about the thing from before', { openai: null });
    expect(asked).toBe(0);
    expect(row.intentDecidedBy).toBe('rules');
  });
});
