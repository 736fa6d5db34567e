import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, outbox } from '@/lib/db/schema';
import { EFFECT_KINDS, effectPayloads, parseEffectPayload, type EffectPayload } from '@/lib/outbox/effect-kinds';
import { enqueueEffect, enqueueQueueRow } from '@/lib/outbox/enqueue';
import { runOutboxOnce, type OutboxDeps } from '@/lib/outbox/run-outbox';
import { effectExecutors } from '@/lib/effects/effect-executors';
import { buildExecutors, outboxDepsFromConfig } from '@/lib/effects/build-outbox-deps';
import type { GorgiasClient } from '@/lib/integrations/gorgias/client';
import { useTestApp } from '../helpers/app';

// The effect registry (lib/outbox/effect-kinds.ts) is the one place a kind is spelled with its
// payload schema: every kind has an executor, nothing in lib/ queues a kind outside it, and a stored
// payload its schema refuses is dead-lettered without running.

const root = path.resolve(import.meta.dirname, '../..');
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return name === 'migrations' ? [] : sourceFiles(p);
    return /\.tsx?$/.test(name) ? [p] : [];
  });
}
const libFiles = sourceFiles(path.join(root, 'lib')).map((p) => ({ path: path.relative(root, p), text: readFileSync(p, 'utf8') }));

describe('the effect registry', () => {
  it('has a schema and an executor for every kind, and no executor without a kind', () => {
    expect(EFFECT_KINDS.length).toBeGreaterThanOrEqual(21);
    for (const kind of EFFECT_KINDS) {
      expect(kind).toMatch(/^(gorgias|shopify|klaviyo|concord)\.[a-z_]+$/);
      expect(typeof effectPayloads[kind].safeParse).toBe('function');
      expect(typeof effectExecutors[kind]).toBe('function');
    }
    expect(Object.keys(effectExecutors).sort()).toEqual([...EFFECT_KINDS].sort());
  });

  it('knows every kind that lib/ queues or looks up', () => {
    const found: [kind: string, file: string][] = [];
    for (const f of libFiles) {
      if (f.path === 'lib/outbox/effect-kinds.ts') continue;
      // kind: 'gorgias.add_tags' (enqueueEffect, a plan's effects, follow-ups), kind === '…', and the
      // outbox's kind in queries: eq(outbox.kind, '…') and SQL's kind = '…'
      for (const m of f.text.matchAll(/\bkind(?::|\s*={1,3})\s*'([a-z_]+\.[a-z_]+)'|outbox\.kind,\s*'([a-z_]+\.[a-z_]+)'/g))
        found.push([m[1] ?? m[2], f.path]);
    }
    // The grep is not empty: the places that queue effects are seen.
    expect(new Set(found.map(([kind]) => kind)).size).toBeGreaterThanOrEqual(15);
    for (const file of [
      'lib/domain/action-plan.ts',
      'lib/automation/automate-ticket.ts',
      'lib/domain/issue-plan.ts', // the projection's issue effects are planned in the domain
      'lib/drafts/draft-ticket-reply.ts',
      'lib/admin/load-kpis.ts',
      'lib/review/load-qa-week.ts',
    ]) {
      expect(found.map(([, f]) => f)).toContain(file);
    }
    const unknown = found.filter(([kind]) => !(EFFECT_KINDS as string[]).includes(kind));
    expect(unknown).toEqual([]);
  });

  it('accepts what lib/ really queues and names each wrong field of what it refuses', () => {
    expect(parseEffectPayload('gorgias.add_tags', { ticketId: '42', tags: ['a'], shadow: true, unknownKey: 1 })).toEqual({
      ok: true,
      payload: { ticketId: '42', tags: ['a'], shadow: true },
    });
    const bad = parseEffectPayload('gorgias.add_tags', { ticketId: 42, tags: 'a' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toMatch(/ticketId: .*tags: /);
    const follow = parseEffectPayload('shopify.cancel_order', {
      orderId: '1',
      then: [{ kind: 'gorgias.nope', payload: {}, idempotencyKey: 'k' }],
    });
    expect(!follow.ok && follow.error).toMatch(/then\.0\.kind/);
  });
});

describe('the outbox with the registry', () => {
  const t = useTestApp();
  const calls: { ticketId: string; tags: string[] }[] = [];
  const gorgias = { addTags: async (ticketId: string, tags: string[]) => void calls.push({ ticketId, tags }) } as unknown as GorgiasClient;
  const deps = (): OutboxDeps => ({
    executors: buildExecutors({ gorgias, klaviyo: null, shopify: null, config: t.get().config }),
    isLive: () => true,
  });
  const row = async (key: string) => (await t.get().db.select().from(outbox).where(eq(outbox.idempotencyKey, key)))[0];

  it('gives the queue an executor for every kind of the registry', () => {
    expect(Object.keys(deps().executors).sort()).toEqual([...EFFECT_KINDS].sort());
    expect(Object.keys(outboxDepsFromConfig(t.get().config).executors).sort()).toEqual([...EFFECT_KINDS].sort());
  });

  it('dead-letters a stored payload that fails its schema, with the reason, and never runs it', async () => {
    const db = t.get().db;
    // Written past enqueueEffect's types, as a bug or an older version could have.
    await enqueueQueueRow(db, {
      shopId: 'acme.myshopify.com',
      kind: 'gorgias.add_tags',
      payload: { ticketId: '7', tags: 'vip' },
      idempotencyKey: 'bad-tags',
    });
    await enqueueQueueRow(db, {
      shopId: 'acme.myshopify.com',
      kind: 'gorgias.add_tags',
      payload: { tags: ['vip'], shadow: true },
      idempotencyKey: 'bad-shadow',
    });
    const stats = await runOutboxOnce(db, deps());
    expect(stats).toMatchObject({ claimed: 2, dead: 2, done: 0, shadow: 0 });
    expect(calls).toEqual([]);
    const r = await row('bad-tags');
    expect(r.status).toBe('dead');
    expect(r.attempts).toBe(1);
    expect(r.lastError).toMatch(/does not match its schema \(tags: .*\), so nothing was sent/);
    expect((await row('bad-shadow')).lastError).toMatch(/ticketId: /);
    const audit = await db.select().from(auditLog).where(eq(auditLog.action, 'outbox.dead_lettered'));
    expect(audit.map((a) => a.subjectId)).toContain(String(r.id));
  });

  it('runs a payload its schema accepts with the parsed payload', async () => {
    const db = t.get().db;
    await enqueueEffect(db, {
      shopId: 'acme.myshopify.com',
      kind: 'gorgias.add_tags',
      payload: { ticketId: '8', tags: ['vip'] },
      idempotencyKey: 'good-tags',
    });
    expect(await runOutboxOnce(db, deps())).toMatchObject({ claimed: 1, done: 1 });
    expect(calls).toEqual([{ ticketId: '8', tags: ['vip'] }]);
  });

  it('gives each executor the runner db and its typed payload', async () => {
    const db = t.get().db;
    const seen: { payload: EffectPayload<'klaviyo.sync_profile'>; sameDb: boolean }[] = [];
    const executors = buildExecutors(
      { gorgias: null, klaviyo: null, shopify: null, config: t.get().config },
      {
        ...effectExecutors,
        'klaviyo.sync_profile': async (payload, ctx) => void seen.push({ payload, sameDb: ctx.db === db }),
      },
    );
    await enqueueEffect(db, {
      shopId: 'acme.myshopify.com',
      kind: 'klaviyo.sync_profile',
      payload: { email: 'jo@example.com' },
      idempotencyKey: 'ctx-1',
    });
    expect(await runOutboxOnce(db, { executors, isLive: () => true })).toMatchObject({ done: 1 });
    expect(seen).toEqual([{ payload: { email: 'jo@example.com' }, sameDb: true }]);
  });

  it('the worker deps (outboxDepsFromConfig) check payloads too', async () => {
    const db = t.get().db;
    await enqueueQueueRow(db, { shopId: 'acme.myshopify.com', kind: 'klaviyo.sync_profile', payload: {}, idempotencyKey: 'bad-sync' });
    expect(await runOutboxOnce(db, outboxDepsFromConfig(t.get().config))).toMatchObject({ claimed: 1, dead: 1, recorded: 0 });
    expect((await row('bad-sync')).lastError).toMatch(/klaviyo\.sync_profile effect does not match its schema \(email: /);
  });
});
