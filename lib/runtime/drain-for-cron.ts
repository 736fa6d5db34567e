import type { Config } from '@/lib/runtime/config';
import type { Db } from '@/lib/db/client';
import { drainInbox } from '@/lib/ingest/process-inbox';
import { runOutboxOnce } from '@/lib/outbox/run-outbox';
import { outboxDepsFromConfig } from '@/lib/effects/build-outbox-deps';

/** On serverless deploys (no long-running worker): project the inbox, then run due effects for up to 20 s. */
export async function drainForCron(db: Db, config: Config) {
  const started = Date.now();
  const projected = await drainInbox(db, 2_000);
  const deps = outboxDepsFromConfig(config);
  const totals = { claimed: 0, done: 0, recorded: 0, shadow: 0, retried: 0, dead: 0 };
  while (Date.now() - started < 20_000) {
    const s = await runOutboxOnce(db, deps, 25);
    for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += s[k];
    if (s.claimed === 0) break;
  }
  return { ok: true, projected, outbox: totals };
}
