/**
 * The installed `mmucheck` binary (dist/cli/main.js, built by `npm test` before vitest runs), spawned
 * as a user or a CI job runs it.
 */
import { describe, expect, it } from 'vitest';
import { BINARY, binaryBuilt, runBinary } from '../helpers/runCli.js';

const built = binaryBuilt();

describe.runIf(built)(`the binary ${BINARY}`, () => {
  it('check with no argument exits 0 and prints the summary on stdout', () => {
    const r = runBinary(['check']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('ALL PROPERTIES HOLD on every reachable state');
    expect(r.out).toMatch(/^707 distinct states, 1,657 generated, depth 34, /m);
    expect(r.out).toMatch(/reproduce {2}mmucheck check seed\n$/);
  });

  it('--format json prints one JSON report on stdout', () => {
    const r = runBinary(['check', 'eager-free', '--format', 'json', '--workers', '1']);
    expect(r.code, r.err).toBe(1);
    const report = JSON.parse(r.out) as {
      verdict: string;
      property: string;
      stats: { distinct: number };
      trace: unknown[];
    };
    expect(report).toMatchObject({ verdict: 'violation', property: 'no-use-after-free' });
    expect(report.trace).toHaveLength(6);
  });

  it('bad input exits 2 with the message on stderr and nothing on stdout', () => {
    const r = runBinary(['check', 'sed']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^mmucheck: error: unknown scenario "sed"; .*\(did you mean "seed"\?\)/);
  });
});

describe.skipIf(built)('the binary', () => {
  it(`is skipped: ${BINARY} is missing (npm test builds it; or run npm run build)`, () => {});
});
