import { getConfig } from '@/lib/config';
import { logError } from '@/lib/runtime/describe-error';
import { getDb } from '@/lib/db';
import { drainInbox } from '@/lib/inbox/process-inbox';
import { runOutboxOnce } from '@/lib/outbox/run-outbox';
import { outboxDepsFromConfig } from '@/lib/outbox/executors';
import { runDelayScan } from '@/lib/delay-scan';

// The in-process worker of a long-running server (npm start): drains the inbox, runs due outbox
// effects and scans for delays. On serverless deploys the /api/cron/* routes do the same work.

const state = globalThis as unknown as { __concordWorker?: { running: boolean; wake: () => void; lastScanAt: number; stopped: boolean } };

export function kickWorker(): void {
  state.__concordWorker?.wake();
}

export function stopWorker(): void {
  if (state.__concordWorker) state.__concordWorker.stopped = true;
  state.__concordWorker?.wake();
}

export function startWorker(opts: { idleMs?: number; scanEveryMs?: number } = {}): void {
  if (state.__concordWorker) return;
  const idleMs = opts.idleMs ?? 1_000;
  const scanEveryMs = opts.scanEveryMs ?? 5 * 60_000;
  let wake: () => void = () => {};
  // The first delay scan waits one interval: a restart shouldn't compete with the traffic it catches up on.
  const worker = { running: true, wake: () => wake(), lastScanAt: Date.now(), stopped: false };
  state.__concordWorker = worker;
  void (async () => {
    const db = await getDb();
    const deps = outboxDepsFromConfig(getConfig());
    while (!worker.stopped) {
      let busy = false;
      try {
        busy = (await drainInbox(db, 500)) > 0;
        const stats = await runOutboxOnce(db, deps, 20);
        busy ||= stats.claimed > 0;
        if (Date.now() - worker.lastScanAt > scanEveryMs) {
          worker.lastScanAt = Date.now();
          await runDelayScan(db, new Date());
        }
      } catch (err) {
        logError('[worker]', err);
      }
      if (!busy) await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, idleMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  })();
}
