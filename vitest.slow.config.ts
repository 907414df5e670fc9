/** The large test cases that `npm test` leaves out to stay fast; `.ci/run` runs them after it (`npm run test:slow`). */
import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

export default defineConfig({
  resolve: base.resolve,
  test: { include: ['test/**/*.slow.test.ts'], testTimeout: 120_000 },
});
