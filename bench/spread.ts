/** Medians and ranges of repeated measurements, as the benchmark prints them. */

/** The median of `values`. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The median of `values`, with their range when there are several. */
export function spread(values: readonly number[], digits: number, unit = ''): string {
  const text = median(values).toFixed(digits) + unit;
  return values.length > 1
    ? `${text} (${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)})`
    : text;
}
