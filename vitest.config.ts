import { defineConfig } from 'vitest/config';
import path from 'node:path';

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      // `server-only` throws outside React's server build, which is its point in the browser bundle;
      // tests run the server code directly, so they get the package's own empty build, as Next's server does.
      'server-only': path.resolve(import.meta.dirname, 'node_modules/server-only/empty.js'),
    },
  },
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
