import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // The examples import the package by its name, as a user's model does; in tests that is the source.
    alias: [{ find: /^mmucheck$/, replacement: fileURLToPath(new URL('./index.ts', import.meta.url)) }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    // The large cases (*.slow.test.ts) run from .ci/run after npm test: `npm run test:slow`.
    exclude: ['**/node_modules/**', 'test/**/*.slow.test.ts'],
    testTimeout: 60_000,
  },
});
