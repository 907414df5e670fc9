/**
 * Errors that model code raises outside any step (a promise rejected without a handler, a timer
 * whose callback throws) end the run as a model error (exit 4) naming the model file, whatever
 * the search found. They surface only on the program thread of the built binary, so these tests
 * spawn it and skip, saying why, when `dist/` is missing (`npm run build`).
 */
import { describe, expect, it } from 'vitest';
import { BINARY, binaryBuilt, runBinary } from '../helpers/runCli.js';

const built = binaryBuilt();
const MODELS = 'test/fixtures/models';

describe.runIf(built)('errors raised outside any step', () => {
  it('a promise a step leaves rejected: exit 4, naming the file and the rejection', () => {
    const file = `${MODELS}/stray-rejection.mjs`;
    const r = runBinary(['check', file, '--quiet']);
    expect(r.code, r.err).toBe(4);
    // The rejection surfaced during the search: the report says so instead of a verdict.
    expect(r.out).not.toContain('HOLD');
    expect(r.out).toContain('MODEL ERROR: model code raised an error outside any step: a promise was rejected');
    expect(r.err).toBe(
      `mmucheck: model error: ${file}: a promise was rejected and nothing handled it: cannot save 1; ` +
        "a model's methods must do their work before they return, leaving no promise or timer behind\n",
    );
  });

  it('a timer that throws after the report was written: exit 4, naming the file and the exception', () => {
    const file = `${MODELS}/stray-exception.mjs`;
    const r = runBinary(['check', file, '--quiet', '--format', 'json']);
    expect(r.code, r.err).toBe(4);
    expect(r.err).toContain(
      `mmucheck: model error: ${file}: an exception was thrown outside any step (from a timer or a callback): late tick;`,
    );
  });

  it('a model that leaves nothing behind keeps its own exit code', () => {
    expect(runBinary(['check', 'test/examples/fixtures/clock.mjs', '--quiet']).code).toBe(1);
  });
});

describe.skipIf(built)('errors raised outside any step', () => {
  it(`is skipped: ${BINARY} is missing (npm test builds it; or run npm run build)`, () => {});
});
