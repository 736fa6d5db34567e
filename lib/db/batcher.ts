// Calls that arrive together share one round trip to the database.
//
// On this app's hot paths the round trip (the driver's socket write and read, pool checkout,
// PostgreSQL's per-statement work) costs the single Node process more than the query costs
// PostgreSQL. A batcher collects the calls made during one event-loop turn and hands them to
// `runBatch` together. While `maxInFlight` batches are out, new calls queue and go together in the
// next batch, so batches grow with load; when idle a call waits only for the end of its turn.
//
// If a batch fails and holds more than one call, each call is retried on its own, so one bad input
// fails only its own caller.

import type { Db } from '@/lib/db/client';

export interface BatcherOptions {
  maxBatch: number;
  maxInFlight: number;
}

interface Waiting<I, O> {
  input: I;
  resolve: (output: O) => void;
  reject: (err: unknown) => void;
}

/** `runBatch` answers each input at the same index; it may throw, or return an Error for one input. */
export function createBatcher<I, O>(runBatch: (inputs: I[]) => Promise<(O | Error)[]>, opts: BatcherOptions): (input: I) => Promise<O> {
  const waiting: Waiting<I, O>[] = [];
  let inFlight = 0;
  let scheduled = false;

  const settle = async (batch: Waiting<I, O>[]): Promise<void> => {
    let outputs: (O | Error)[];
    try {
      outputs = await runBatch(batch.map((w) => w.input));
      if (outputs.length !== batch.length) throw new Error(`a batch of ${batch.length} got ${outputs.length} answers`);
    } catch (err) {
      if (batch.length === 1) return batch[0].reject(err);
      await Promise.all(batch.map((w) => settle([w])));
      return;
    }
    batch.forEach((w, i) => {
      const out = outputs[i];
      if (out instanceof Error) w.reject(out);
      else w.resolve(out);
    });
  };

  const send = (): void => {
    while (waiting.length > 0 && inFlight < opts.maxInFlight) {
      const batch = waiting.splice(0, opts.maxBatch);
      inFlight++;
      void settle(batch).finally(() => {
        inFlight--;
        send();
      });
    }
  };

  return (input: I) =>
    new Promise<O>((resolve, reject) => {
      waiting.push({ input, resolve, reject });
      if (!scheduled) {
        scheduled = true;
        setImmediate(() => {
          scheduled = false;
          send();
        });
      }
    });
}

/** A batcher per database handle (tests open several): `batcherPerDb(run, opts)(db)(input)`. */
export function batcherPerDb<I, O>(
  runBatch: (db: Db, inputs: I[]) => Promise<(O | Error)[]>,
  opts: BatcherOptions,
): (db: Db) => (input: I) => Promise<O> {
  const batchers = new WeakMap<Db, (input: I) => Promise<O>>();
  return (db) => {
    let call = batchers.get(db);
    if (!call) batchers.set(db, (call = createBatcher((inputs: I[]) => runBatch(db, inputs), opts)));
    return call;
  };
}
