import { describe, expect, it } from 'vitest';
import { createBatcher } from '@/lib/db/batcher';

// A stand-in for a database: records each batch it is given and answers when told to.
function fakeStore() {
  const batches: number[][] = [];
  const pending: (() => void)[] = [];
  let held = false;
  const run = async (inputs: number[]): Promise<(string | Error)[]> => {
    batches.push(inputs);
    if (held) await new Promise<void>((r) => pending.push(r));
    if (inputs.includes(13)) throw new Error('thirteen is refused');
    return inputs.map((n) => (n < 0 ? new Error(`no ${n}`) : `answer ${n}`));
  };
  return {
    batches,
    run,
    hold: () => (held = true),
    releaseAll: () => {
      held = false;
      pending.splice(0).forEach((r) => r());
    },
  };
}
const turn = () => new Promise((r) => setImmediate(r));

describe('createBatcher', () => {
  it('sends the calls of one turn together and answers each in its place', async () => {
    const store = fakeStore();
    const call = createBatcher(store.run, { maxBatch: 10, maxInFlight: 2 });
    expect(await Promise.all([1, 2, 3].map(call))).toEqual(['answer 1', 'answer 2', 'answer 3']);
    expect(store.batches).toEqual([[1, 2, 3]]);
    expect(await call(4)).toBe('answer 4'); // alone, it isn't kept waiting for company
    expect(store.batches).toEqual([[1, 2, 3], [4]]);
  });

  it('splits at maxBatch', async () => {
    const store = fakeStore();
    const call = createBatcher(store.run, { maxBatch: 2, maxInFlight: 4 });
    await Promise.all([1, 2, 3, 4, 5].map(call));
    expect(store.batches).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('queues while maxInFlight batches are out, then sends the queue as one batch', async () => {
    const store = fakeStore();
    const call = createBatcher(store.run, { maxBatch: 10, maxInFlight: 1 });
    store.hold();
    const first = call(1);
    await turn();
    const later = [2, 3, 4].map(call); // arrive on different turns while the first batch is out
    await turn();
    const last = call(5);
    await turn();
    expect(store.batches).toEqual([[1]]);
    store.releaseAll();
    expect(await Promise.all([first, ...later, last])).toEqual(['answer 1', 'answer 2', 'answer 3', 'answer 4', 'answer 5']);
    expect(store.batches).toEqual([[1], [2, 3, 4, 5]]);
  });

  it('a failing batch is retried call by call, so only the bad call fails', async () => {
    const store = fakeStore();
    const call = createBatcher(store.run, { maxBatch: 10, maxInFlight: 2 });
    const results = await Promise.allSettled([7, 13, 8].map(call));
    expect(results).toEqual([
      { status: 'fulfilled', value: 'answer 7' },
      { status: 'rejected', reason: new Error('thirteen is refused') },
      { status: 'fulfilled', value: 'answer 8' },
    ]);
    expect(store.batches).toEqual([[7, 13, 8], [7], [13], [8]]);
  });

  it('an Error answered for one call rejects that call only, without a retry', async () => {
    const store = fakeStore();
    const call = createBatcher(store.run, { maxBatch: 10, maxInFlight: 2 });
    const results = await Promise.allSettled([1, -2].map(call));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    expect(store.batches).toEqual([[1, -2]]);
  });

  it('a batch answered with the wrong number of results is retried call by call', async () => {
    const batches: number[][] = [];
    const call = createBatcher(
      async (inputs: number[]) => {
        batches.push(inputs);
        return inputs.length > 1 ? ['only one'] : [`answer ${inputs[0]}`];
      },
      { maxBatch: 10, maxInFlight: 1 },
    );
    expect(await Promise.all([1, 2].map(call))).toEqual(['answer 1', 'answer 2']);
    expect(batches).toEqual([[1, 2], [1], [2]]);
  });
});
