// This machine's speed drifts between runs (the host is shared): a fixed single-core loop, timed,
// says how fast the core was during a run, so absolute numbers from different runs can be read.
// Used by scripts/bench.ts and scripts/eval-intents.ts.
export function cpuReferenceMs(): number {
  const times: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t0 = process.hrtime.bigint();
    let x = 0;
    for (let i = 0; i < 100_000_000; i++) x += i % 7;
    if (x < 0) console.log(x); // keep the loop from being optimised away
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[1];
}

export const CPU_REFERENCE_LABEL = 'CPU reference: a fixed 10⁸-step loop on one core (lower is a faster machine)';
