// Next.js calls register() once when the server process starts: migrate, seed the demo, start the
// worker. Not during `next build`, and not on the Edge runtime.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  const { boot } = await import('./lib/runtime/boot');
  await boot();
}
