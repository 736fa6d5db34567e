import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { http, HttpResponse, delay } from 'msw';
import { setupServer } from 'msw/node';
import { eq, sql } from 'drizzle-orm';
import { createTestDb } from './helpers/db';
import { actions, auditLog, outbox } from '@/lib/db/schema';
import { enqueueQueueRow } from '@/lib/outbox/enqueue';
import { replayDeadEffect, runOutboxOnce, type OutboxDeps } from '@/lib/outbox/run-outbox';
import { requestJson } from '@/lib/integrations/http';

// The outbox against a stand-in HTTP API: every effect ends done or dead, none runs twice.
const calls: Record<string, number> = {};
const server = setupServer(
  http.post('http://vendor.test/effects/:key', async ({ params, request }) => {
    const key = String(params.key);
    calls[key] = (calls[key] ?? 0) + 1;
    const n = calls[key];
    const mode = new URL(request.url).searchParams.get('mode');
    if (mode === 'rate-limited' && n === 1) return new HttpResponse('slow down', { status: 429, headers: { 'Retry-After': '7' } });
    if (mode === 'flaky' && n === 1) return new HttpResponse('oops', { status: 500 });
    if (mode === 'slow' && n === 1) {
      await delay(400);
      return HttpResponse.json({ late: true });
    }
    if (mode === 'rejected') return HttpResponse.json({ error: 'invalid' }, { status: 422 });
    return HttpResponse.json({ ok: true, n });
  }),
);

let clock = new Date(); // enqueue stamps effects with the real clock, so the test clock starts there
const now = () => clock;
const deps: OutboxDeps = {
  now,
  isLive: (kind) => kind !== 'demo.thing',
  lockMs: 30_000,
  backoff: { baseMs: 1_000, capMs: 60_000 },
  executors: {
    'vendor.call': async (e) =>
      (
        await requestJson({
          system: 'gorgias',
          url: `http://vendor.test/effects/${e.payload.key}?mode=${e.payload.mode}`,
          method: 'POST',
          body: e.payload,
          timeoutMs: 150,
        })
      ).json,
    'demo.thing': async () => {
      throw new Error('must not run in demo mode');
    },
  },
};

describe('outbox', () => {
  let t: Awaited<ReturnType<typeof createTestDb>>;
  beforeAll(async () => {
    server.listen({ onUnhandledRequest: 'error' });
    t = await createTestDb();
  });
  afterEach(() => server.resetHandlers());
  afterAll(async () => {
    server.close();
    await t.close();
  });

  const effect = (key: string, mode: string, extra: Partial<Parameters<typeof enqueueQueueRow>[1]> = {}) =>
    enqueueQueueRow(t.db, { shopId: 's.myshopify.com', kind: 'vendor.call', payload: { key, mode }, idempotencyKey: key, ...extra });
  const row = async (key: string) => (await t.db.select().from(outbox).where(eq(outbox.idempotencyKey, key)))[0];
  const runUntilIdle = async () => {
    for (let i = 0; i < 20; i++) {
      const s = await runOutboxOnce(t.db, deps, 10);
      if (s.claimed === 0) {
        // jump the clock past every backoff; stop when nothing is left to do at all
        const [{ n }] = (await t.db
          .select({ n: sql<number>`count(*)::int` })
          .from(outbox)
          .where(sql`status in ('pending', 'running')`)) as { n: number }[];
        if (Number(n) === 0) return;
        clock = new Date(clock.getTime() + 120_000);
      }
    }
  };

  it('ignores a second effect with the same idempotency key', async () => {
    expect(await effect('dup', 'ok')).toBe(true);
    expect(await effect('dup', 'ok')).toBe(false);
    await runUntilIdle();
    expect(calls.dup).toBe(1);
    expect((await row('dup')).status).toBe('done');
  });

  it('honours Retry-After on a 429, then succeeds', async () => {
    await effect('rl', 'rate-limited');
    const start = clock.getTime();
    const s = await runOutboxOnce(t.db, deps);
    expect(s.retried).toBe(1);
    const r = await row('rl');
    expect(r.status).toBe('pending');
    expect(r.nextAttemptAt.getTime() - start).toBe(7_000);
    expect(r.lastError).toMatch(/429/);
    clock = new Date(start + 6_000);
    expect((await runOutboxOnce(t.db, deps)).claimed).toBe(0); // not before Retry-After
    clock = new Date(start + 7_000);
    expect((await runOutboxOnce(t.db, deps)).done).toBe(1);
    expect(calls.rl).toBe(2);
  });

  it('retries a 500 with backoff and a timeout, each exactly until it succeeds once', async () => {
    await effect('flaky', 'flaky');
    await effect('slow', 'slow');
    await runUntilIdle();
    expect((await row('flaky')).status).toBe('done');
    expect((await row('slow')).status).toBe('done');
    expect(calls.flaky).toBe(2);
    expect(calls.slow).toBe(2); // the timed-out call reached the server; the executor's state check is what prevents doubling in real effects
  });

  it('dead-letters a permanent 4xx at once, audits it, and an admin can replay it', async () => {
    await effect('rej', 'rejected');
    await runUntilIdle();
    const r = await row('rej');
    expect(r.status).toBe('dead');
    expect(r.attempts).toBe(1);
    expect(r.lastError).toMatch(/422/);
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.action, 'outbox.dead_lettered'));
    expect(audit.some((a) => a.subjectId === String(r.id))).toBe(true);
    server.use(http.post('http://vendor.test/effects/rej', () => HttpResponse.json({ ok: true })));
    expect(await replayDeadEffect(t.db, r.id, { type: 'admin', id: 'admin@x' })).toBe(true);
    expect(await replayDeadEffect(t.db, r.id, { type: 'admin', id: 'admin@x' })).toBe(false); // no longer dead
    await runUntilIdle();
    expect((await row('rej')).status).toBe('done');
  });

  it('gives up after max attempts on a retryable error and dead-letters', async () => {
    server.use(http.post('http://vendor.test/effects/down', () => new HttpResponse('down', { status: 503 })));
    await effect('down', 'x', { maxAttempts: 3 });
    await runUntilIdle();
    const r = await row('down');
    expect(r.status).toBe('dead');
    expect(r.attempts).toBe(3);
    expect(r.lastError).toMatch(/gave up after 3 attempts/);
  });

  it('recovers an effect claimed by a worker that crashed before completing it', async () => {
    await effect('crash', 'ok');
    // Simulate the crash: claimed (running, locked) but never settled.
    await t.db
      .update(outbox)
      .set({ status: 'running', attempts: 1, lockedUntil: new Date(clock.getTime() + 30_000) })
      .where(eq(outbox.idempotencyKey, 'crash'));
    expect((await runOutboxOnce(t.db, deps)).claimed).toBe(0); // still locked
    clock = new Date(clock.getTime() + 31_000);
    expect((await runOutboxOnce(t.db, deps)).done).toBe(1);
    expect(calls.crash).toBe(1);
    expect((await row('crash')).attempts).toBe(2);
  });

  it('runs effects with the same serial key one at a time, in order', async () => {
    const order: string[] = [];
    const serialDeps: OutboxDeps = { ...deps, executors: { 'vendor.call': async (e) => void order.push(String(e.payload.key)) } };
    await enqueueQueueRow(t.db, { shopId: 's', kind: 'vendor.call', payload: { key: 's1' }, idempotencyKey: 'ser-1', serialKey: 'cust-1' });
    await enqueueQueueRow(t.db, { shopId: 's', kind: 'vendor.call', payload: { key: 's2' }, idempotencyKey: 'ser-2', serialKey: 'cust-1' });
    await enqueueQueueRow(t.db, { shopId: 's', kind: 'vendor.call', payload: { key: 'o1' }, idempotencyKey: 'ser-3', serialKey: 'cust-2' });
    const first = await runOutboxOnce(t.db, serialDeps, 10);
    expect(first.claimed).toBe(2); // s1 and o1; s2 waits for s1
    expect(order).toEqual(['s1', 'o1']);
    await runOutboxOnce(t.db, serialDeps, 10);
    expect(order).toEqual(['s1', 'o1', 's2']);
  });

  it('keeps the claim of a slow batch alive: a second worker never runs one of its effects again', async () => {
    // Six effects of 600 ms each, one at a time: the batch takes ~3.6 s, three times the lock (renewed every
    // 400 ms). Timings are wide so that a loaded CI host (a renewal held up by a few hundred ms) can't
    // make the lock lapse; at 150 ms effects and a 300 ms lock it did, about once in ten runs on PostgreSQL.
    const runs = new Map<string, number>();
    const slow: OutboxDeps = {
      isLive: () => true,
      lockMs: 1200,
      concurrency: 1,
      executors: {
        'slow.call': async (e) => {
          runs.set(String(e.payload.key), (runs.get(String(e.payload.key)) ?? 0) + 1);
          await new Promise((r) => setTimeout(r, 600));
        },
      },
    };
    // Due a second ago: the claim compares with a millisecond clock, and a row stamped by the database in
    // the same millisecond (microseconds later) would wait for the next poll (5 of 6 claimed, once on PostgreSQL).
    const due = new Date(Date.now() - 1000);
    for (let i = 0; i < 6; i++)
      await enqueueQueueRow(t.db, {
        shopId: 's',
        kind: 'slow.call',
        payload: { key: `slow-${i}` },
        idempotencyKey: `slow-${i}`,
        runAt: due,
      });
    let firstDone = false;
    const first = runOutboxOnce(t.db, slow, 6).finally(() => (firstDone = true));
    // Another instance polls all the while, from the moment the first worker's claim has landed (on a
    // loaded host the poller could otherwise claim before the first worker does).
    while (runs.size === 0) await new Promise((r) => setTimeout(r, 5));
    let reclaimed = 0;
    while (!firstDone) {
      await new Promise((r) => setTimeout(r, 200));
      reclaimed += (
        await runOutboxOnce(
          t.db,
          {
            ...slow,
            executors: { 'slow.call': async (e) => void runs.set(String(e.payload.key), (runs.get(String(e.payload.key)) ?? 0) + 1) },
          },
          6,
        )
      ).claimed;
    }
    expect(await first).toMatchObject({ claimed: 6, done: 6 });
    expect(reclaimed).toBe(0);
    expect([...runs.values()]).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('runs a claimed batch several at a time', async () => {
    let running = 0;
    let most = 0;
    const slowDeps: OutboxDeps = {
      ...deps,
      concurrency: 3,
      executors: {
        'vendor.call': async () => {
          most = Math.max(most, ++running);
          await new Promise((r) => setTimeout(r, 30));
          running--;
        },
      },
    };
    for (let i = 0; i < 7; i++)
      await enqueueQueueRow(t.db, { shopId: 's', kind: 'vendor.call', payload: { key: `par-${i}` }, idempotencyKey: `par-${i}` });
    const s = await runOutboxOnce(t.db, slowDeps, 10);
    expect(s).toMatchObject({ claimed: 7, done: 7 });
    expect(most).toBe(3);
  });

  it('records instead of sending when the system is not connected (demo mode), and updates the action', async () => {
    const [a] = await t.db
      .insert(actions)
      .values({ shopId: 's', kind: 'tag_order', params: {}, actorType: 'agent', idempotencyKey: 'act-demo' })
      .returning();
    await enqueueQueueRow(t.db, { shopId: 's', kind: 'demo.thing', payload: { x: 1 }, idempotencyKey: 'demo-1', actionId: a.id });
    const s = await runOutboxOnce(t.db, deps);
    expect(s.recorded).toBe(1);
    const r = await row('demo-1');
    expect(r.status).toBe('recorded');
    expect(r.result).toMatchObject({ recorded: true, request: { x: 1 } });
    const [after] = await t.db.select().from(actions).where(eq(actions.id, a.id));
    expect(after.status).toBe('recorded');
  });

  it('records shadow-mode effects as "would have done" without running them', async () => {
    await enqueueQueueRow(t.db, {
      shopId: 's',
      kind: 'vendor.call',
      payload: { key: 'sh', mode: 'ok', shadow: true },
      idempotencyKey: 'shadow-1',
    });
    expect((await runOutboxOnce(t.db, deps)).shadow).toBe(1);
    expect(calls.sh).toBeUndefined();
    expect((await row('shadow-1')).status).toBe('shadow');
  });
});
