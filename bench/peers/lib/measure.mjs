/**
 * Runs one command and measures it: wall-clock seconds, CPU seconds (user + system) and peak
 * resident set size, the last two from GNU time (`/usr/bin/time -v`) when it is installed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** GNU time, which reports peak RSS; absent on some systems (`apt-get install -y time`). */
export const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** Reads `/usr/bin/time -v` output: CPU seconds and peak RSS in KiB. */
function parseGnuTime(text) {
  const num = (re) => {
    const m = re.exec(text);
    return m ? Number(m[1]) : undefined;
  };
  const user = num(/User time \(seconds\): ([\d.]+)/);
  const sys = num(/System time \(seconds\): ([\d.]+)/);
  return {
    cpuS: user === undefined || sys === undefined ? undefined : user + sys,
    rssKB: num(/Maximum resident set size \(kbytes\): (\d+)/),
  };
}

/**
 * Runs `cmd args` in `cwd`, killing it after `timeoutS` seconds.
 * Returns { code, stdout, stderr, wallS, cpuS, rssKB, timedOut }.
 */
export function measure(cmd, args, { cwd, timeoutS = 900, env } = {}) {
  const scratch = GNU_TIME ? mkdtempSync(join(tmpdir(), 'peers-time-')) : undefined;
  const timeFile = scratch ? join(scratch, 'time.txt') : undefined;
  const [file, argv] = GNU_TIME ? [GNU_TIME, ['-v', '-o', timeFile, cmd, ...args]] : [cmd, args];
  const start = process.hrtime.bigint();
  const r = spawnSync(file, argv, {
    cwd,
    env: env ?? process.env,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: timeoutS * 1000,
    killSignal: 'SIGKILL',
  });
  const wallS = Number(process.hrtime.bigint() - start) / 1e9;
  let usage = { cpuS: undefined, rssKB: undefined };
  if (timeFile && existsSync(timeFile)) usage = parseGnuTime(readFileSync(timeFile, 'utf8'));
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  const timedOut = r.error?.code === 'ETIMEDOUT' || r.signal === 'SIGKILL';
  return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', wallS, ...usage, timedOut, error: r.error };
}

/** Runs a build step; throws with its output when it fails. */
export function build(cmd, args, cwd) {
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${r.stdout}${r.stderr}${r.error ?? ''}`);
  return Number(process.hrtime.bigint() - start) / 1e9;
}
