import { defineConfig } from 'vitest/config';
import path from 'node:path';

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname, '../..'),
      // As in the main vitest.config.ts: the drills import server code (config, db) directly.
      'server-only': path.resolve(import.meta.dirname, '../../node_modules/server-only/empty.js'),
    },
  },
  test: {
    include: ['tests/browser/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
