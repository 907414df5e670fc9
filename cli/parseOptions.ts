/** Option parsers that throw commander's InvalidArgumentError naming what was expected. */
import { InvalidArgumentError } from 'commander';
import { closest } from '../model/InputError.js';
import { quoteValue } from '../model/safeText.js';

/** A whole number within [min, max]. */
export function intOption(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = /^-?\d+$/.test(value.trim()) ? Number(value) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}, got ${quoteValue(value)}`);
    }
    return n;
  };
}

/** A duration: `500ms`, `30s`, `5m`, `2h`, or a plain number of seconds; returns milliseconds. */
export function durationOption(value: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(value.trim());
  if (!m) throw new InvalidArgumentError(`expected a duration such as 30s, 5m or 500ms, got ${quoteValue(value)}`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
  const ms = Math.round(Number(m[1]) * unit);
  if (ms <= 0) throw new InvalidArgumentError(`expected a duration above zero, got ${quoteValue(value)}`);
  return ms;
}

/** `--checkpoint-every`: a duration as `durationOption` reads it, or 0 (`0`, `0s`): at every level boundary. */
export function checkpointEveryOption(value: string): number {
  return /^0+(?:\.0+)?(ms|s|m|h)?$/.test(value.trim()) ? 0 : durationOption(value);
}

/** One of a fixed set of words; a misspelt one is answered with the closest. */
export function choiceOption<T extends string>(values: readonly T[]): (value: string) => T {
  return (value) => {
    if (values.includes(value as T)) return value as T;
    const guess = closest(value, values);
    throw new InvalidArgumentError(
      `expected one of ${values.join(', ')}, got ${quoteValue(value)}${guess ? ` (did you mean "${guess}"?)` : ''}`,
    );
  };
}

/** Collects a repeatable option into a list. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** A memory size: `512M`, `8G`, `1.5G`, `100000K`, or a plain number of bytes; returns bytes. */
export function sizeOption(value: string): number {
  const m = /^(\d+(?:\.\d+)?)([KMGT]?)i?B?$/i.exec(value.trim());
  if (!m) throw new InvalidArgumentError(`expected a size such as 512M or 8G, got ${quoteValue(value)}`);
  const unit = { '': 1, K: 2 ** 10, M: 2 ** 20, G: 2 ** 30, T: 2 ** 40 }[
    m[2]!.toUpperCase() as '' | 'K' | 'M' | 'G' | 'T'
  ];
  const bytes = Math.round(Number(m[1]) * unit);
  if (bytes < 2 ** 20) throw new InvalidArgumentError(`expected at least 1M, got ${quoteValue(value)}`);
  return bytes;
}
