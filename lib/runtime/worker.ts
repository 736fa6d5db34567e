import { getConfig } from '@/lib/runtime/config';
import { logError } from '@/lib/runtime/describe-error';
import { getDbHandle } from '@/lib/db';
import { processInboxBatch } from '@/lib/ingest/process-inbox';
import { runOutboxOnce } from '@/lib/outbox/run-outbox';
import { outboxDepsFromConfig } from '@/lib/effects/build-outbox-deps';
import { runDelayScan } from '@/lib/shopify-sync/run-delay-scan';

// The in-process worker of a long-running server (npm start): several projection loops drain the
// inbox (each takes one lane at a time, so they never apply two events of one order at once, here
// or across instances: lib/ingest/process-inbox.ts), and one loop runs due outbox effects and scans
// for delays. On serverless deploys the /api/cron/* routes do the same work.

interface WorkerState {
  stopped: boolean;
  lastScanAt: number;
  waiters: Set<() => void>;
}
const state = globalThis as unknown as { __concordWorker?: WorkerState };

export function kickWorker(): void {
  const w = state.__concordWorker;
  if (!w) return;
  for (const wake of w.waiters) wake();
  w.waiters.clear();
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function startWorker(opts: { idleMs?: number; scanEveryMs?: number } = {}): void {
  if (state.__concordWorker) return;
  const idleMs = opts.idleMs ?? 1_000;
  const scanEveryMs = opts.scanEveryMs ?? 5 * 60_000;
  // The first delay scan waits one interval: a restart shouldn't compete with the traffic it catches up on.
  const worker: WorkerState = { stopped: false, lastScanAt: Date.now(), waiters: new Set() };
  state.__concordWorker = worker;
  const idle = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        worker.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, idleMs);
      worker.waiters.add(done);
    });

  void (async () => {
    const { db, driver } = await getDbHandle();
    const config = getConfig();
    const embedded = driver === 'pglite';
    const projectors = config.env.CONCORD_PROJECTION_WORKERS ?? (embedded ? 1 : 2);
    const max = config.env.CONCORD_PROJECTION_BATCH ?? (embedded ? 10 : 100);

    const project = async () => {
      while (!worker.stopped) {
        const started = Date.now();
        let handled = 0;
        try {
          handled = await processInboxBatch(db, { max });
        } catch (err) {
          logError('[worker] projection:', err);
          await sleep(idleMs);
        }
        if (handled === 0) await idle();
        // The embedded database has one connection and runs on this thread: after each batch,
        // webhooks get at least as long as the batch took, so their acknowledgement never queues
        // behind a backlog (projection takes at most about half the time while they keep coming).
        else if (embedded) await sleep(Math.min(100, Math.max(1, Date.now() - started)));
        else await new Promise((r) => setImmediate(r));
      }
    };

    const effects = async () => {
      const deps = outboxDepsFromConfig(config);
      while (!worker.stopped) {
        let busy = false;
        try {
          const stats = await runOutboxOnce(db, deps, 20);
          busy = stats.claimed > 0;
          if (Date.now() - worker.lastScanAt > scanEveryMs) {
            worker.lastScanAt = Date.now();
            await runDelayScan(db, new Date());
          }
        } catch (err) {
          logError('[worker]', err);
        }
        if (!busy) await idle();
      }
    };

    await Promise.all([...Array.from({ length: projectors }, project), effects()]);
  })();
}
