import { defineConfig } from 'vitest/config';
import path from 'node:path';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    include: ['tests/**/*.test.ts', 'lib/**/*.test.ts'],
    environment: 'node',
    // next.config.mjs turns on experimental.authInterrupts (unauthorized() answers a bad widget link
    // with 401); Next passes that to its code as this variable at build time, so tests set it too.
    env: { __NEXT_EXPERIMENTAL_AUTH_INTERRUPTS: 'true' },
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
