/**
 * How the peer benchmark prints: aligned tables, the verdict of each run in mmucheck's words, and
 * the reason behind every state count that differs from mmucheck's.
 */

/** Formats rows of cells as an aligned table (numbers right-aligned). */
export function table(header, rows) {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => String(r[c] ?? '').length)));
  const numeric = header.map((_, c) => rows.every((r) => /^([\d.,×—-]*|skipped)$/.test(String(r[c] ?? ''))));
  const line = (r) =>
    r
      .map((cell, c) => (numeric[c] ? String(cell ?? '').padStart(widths[c]) : String(cell ?? '').padEnd(widths[c])))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** An integer with thousands separators. */
export function int(n) {
  return n === undefined ? '—' : Math.round(n).toLocaleString('en-US');
}

/** Seconds with a precision that suits their size. */
export function secs(s) {
  if (s === undefined) return '—';
  return s < 10 ? s.toFixed(2) : s.toFixed(1);
}

/** Mebibytes from KiB. */
export function mib(kb) {
  return kb === undefined ? '—' : (kb / 1024).toFixed(0);
}

/** A run's verdict as one short phrase. */
export function verdictText(r) {
  if (r.verdict === 'ok') return 'all hold';
  if (r.verdict === 'violation') return `${r.property}${r.steps ? ` (${r.steps} steps)` : ''}`;
  return `${r.verdict}${r.note ? `: ${r.note}` : ''}`;
}

/** A ratio a/b as "×1.23", or — when either side is missing. */
export function ratio(a, b) {
  if (!a || !b) return '—';
  const q = a / b;
  return `×${q >= 10 ? q.toFixed(1) : q.toFixed(2)}`;
}

/** Why the state counts of a run of the same model may differ from mmucheck's; keys are printed once. */
export const REASONS = {
  violation:
    'a violation ends each search early, at a point that depends on the search order: mmucheck reports its counts as of the start of the BFS level of the violating state; Rumur and SPIN report what they had stored when they found it (SPIN checks asserts inside the step, so the violating state itself is never stored). Verdicts and shortest counterexample lengths are what is compared.',
  por: 'SPIN with partial-order reduction (no -DNOREDUCE) stores fewer states: it skips interleavings of steps it proves independent, which mmucheck, Rumur and SPIN with -DNOREDUCE all explore.',
  unexplained: 'UNEXPLAINED: the twin and mmucheck disagree; the twins or mmucheck model something differently.',
};

/**
 * Compares `peer` with mmucheck's run `ref` on the same configuration: equal verdicts, and equal
 * states (verdict ok) or equal counterexample lengths (violation). Returns { agree, reason }.
 */
export function compare(ref, peer) {
  if (ref.verdict !== 'ok' && ref.verdict !== 'violation') return { agree: undefined };
  if (peer.verdict !== 'ok' && peer.verdict !== 'violation') return { agree: undefined };
  if (peer.verdict !== ref.verdict || peer.property !== ref.property) return { agree: false, reason: 'unexplained' };
  if (ref.verdict === 'violation') {
    const sameLength = peer.steps === undefined || peer.steps === ref.steps;
    const notShortest = /\b[2-9] threads\b|DFS/.test(peer.tool); // a parallel BFS or a DFS need not find a shortest one
    if (!sameLength && !notShortest) return { agree: false, reason: 'unexplained' };
    return { agree: true, reason: peer.states === ref.states ? undefined : 'violation' };
  }
  if (peer.states === ref.states) return { agree: true };
  if (/POR/.test(peer.tool) && peer.states < ref.states) return { agree: true, reason: 'por' };
  return { agree: false, reason: 'unexplained' };
}
