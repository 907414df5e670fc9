/**
 * The sources of distributed runs: `check SCENARIO --cluster URL` (a new run in the store, this
 * process its coordinator) and `resume redis://…` (the run the store holds, its model rebuilt from
 * the run's record and checked against it). Either refuses what a distributed search cannot
 * check: liveness properties (judged on a state graph the store does not keep), model files,
 * --exact, --continue, --coverage and checkpoints to a directory (the store is the checkpoint).
 */
import { bucketBitsFor } from '../../checker/distributed/SeenShards.js';
import { DistributedExplorer, StoreRefused } from '../../checker/distributed/DistributedExplorer.js';
import type { RunRecord } from '../../checker/distributed/RunRecord.js';
import { parseStored } from '../../checker/distributed/RunRecord.js';
import { keys } from '../../checker/distributed/storeKeys.js';
import { needsStateGraph } from '../../checker/liveness/needsStateGraph.js';
import { resolveOptions } from '../../checker/resolveOptions.js';
import { InputError } from '../../model/InputError.js';
import { loadScenario } from '../../model/kernel/loadScenario.js';
import type { Scenario } from '../../model/kernel/Scenario.js';
import { applyOverrides, OVERRIDE_KEYS, pickOverrides } from '../applyOverrides.js';
import { boundsOf, requireSameOverrides } from '../checkpoint/checkpointedSource.js';
import { modelDigest, runManifest, scenarioIdentity, type RunManifest } from '../checkpoint/RunManifest.js';
import type { Io } from '../Io.js';
import { scenarioSource, type ScenarioFlags, type SearchVia } from '../run/kernelSource.js';
import type { RunSource } from '../run/RunSource.js';
import { MMUCHECK_VERSION } from '../version.js';
import { openStore } from './openStore.js';

/** A task a worker took is taken over after this long without its acknowledgement, unless --lease says otherwise. */
export const DEFAULT_LEASE_MS = 30_000;

/** The flags of a distributed run. */
export interface ClusterFlags extends ScenarioFlags {
  readonly cluster?: string;
  /** Milliseconds. */
  readonly lease?: number;
  readonly exact?: boolean;
  readonly continue?: boolean;
  readonly checkpoint?: string;
}

/** What a distributed run's record says of its model: the scenario it was built from, as checked and as named. */
export interface ClusterModel {
  readonly manifest: RunManifest;
  readonly scenario: Scenario;
}

/** `check arg --cluster URL`. */
export async function clusterSource(arg: string, flags: ClusterFlags, io: Io): Promise<RunSource> {
  refuseUnsupported(flags, '--cluster');
  const identity = scenarioIdentity(arg);
  const scenario = applyOverrides(loadScenario(arg), flags);
  const note = noter(io, flags);
  const opened = await openStore(flags.cluster!, '--cluster', note);
  if ((await opened.store.get(keys.run)) !== null) {
    opened.store.disconnect();
    throw new InputError(
      `${opened.url.shown} holds a run already: \`mmucheck resume ${opened.url.shown}\` goes on with it (or delete its mmucheck:* keys to start afresh)`,
      undefined,
      '--cluster',
    );
  }
  const via: SearchVia = async (model, checked, options) => {
    const resolved = resolveOptions(options);
    const clusterModel: ClusterModel = {
      manifest: runManifest(identity, pickOverrides(flags, OVERRIDE_KEYS), boundsOf(flags), model),
      scenario: checked,
    };
    const record: RunRecord = {
      format: 1,
      mmucheck: MMUCHECK_VERSION,
      model: clusterModel,
      modelDigest: clusterModel.manifest.modelDigest,
      symmetry: resolved.symmetry !== false,
      maxStates: resolved.maxStates,
      maxDepth: resolved.maxDepth,
      bucketBits: bucketBitsFor(resolved.maxStates),
      leaseMs: flags.lease ?? DEFAULT_LEASE_MS,
    };
    const explorer = new DistributedExplorer(model, opened.store, record, resolved, { note });
    opened.onReconnect(() => explorer.storeReconnected());
    try {
      return await explorer.start();
    } catch (e) {
      if (e instanceof StoreRefused) throw new InputError(e.message, undefined, '--cluster');
      throw e;
    } finally {
      opened.store.disconnect();
    }
  };
  const source = scenarioSource(scenario, arg, flags, 'check', undefined, via);
  requireSafetyOnly(source, '--cluster');
  return source;
}

/** `resume redis://…`: the run the store holds, with `flags` (bounds, reports). */
export async function resumedClusterSource(
  url: string,
  flags: ClusterFlags,
  io: Io,
): Promise<{ source: RunSource; flags: ClusterFlags }> {
  refuseUnsupported(flags, 'resume');
  const note = noter(io, flags);
  const opened = await openStore(url, 'resume', note);
  const record = parseStored<RunRecord>(await opened.store.get(keys.run), keys.run);
  if (record === undefined) {
    opened.store.disconnect();
    throw new InputError(`${opened.url.shown} holds no run to resume`, undefined, 'resume');
  }
  const { manifest, scenario } = recordModel(record, opened.url.shown);
  requireSameOverrides(flags, manifest.overrides, 'the store');
  const runFlags: ClusterFlags = { ...flags, ...manifest.overrides, ...manifest.bounds, ...boundsOf(flags) };
  const via: SearchVia = async (model, _checked, options) => {
    if (modelDigest(model) !== record.modelDigest)
      throw new InputError(
        `holds a run of another model than this mmucheck builds from ${manifest.scenario.arg}: it cannot be resumed`,
        undefined,
        opened.url.shown,
      );
    const explorer = new DistributedExplorer(model, opened.store, record, resolveOptions(options), { note });
    opened.onReconnect(() => explorer.storeReconnected());
    try {
      return await explorer.resume();
    } catch (e) {
      if (e instanceof StoreRefused) throw new InputError(e.message, undefined, opened.url.shown);
      throw e;
    } finally {
      opened.store.disconnect();
    }
  };
  const source = scenarioSource(scenario, manifest.scenario.arg, runFlags, 'check', undefined, via);
  return { source, flags: runFlags };
}

/** The record's model, checked to be one this mmucheck builds as the run's did. */
export function recordModel(record: RunRecord, where: string): ClusterModel {
  if (record.format !== 1 || typeof record.mmucheck !== 'string')
    throw new InputError('holds a run record this mmucheck cannot read', undefined, where);
  if (record.mmucheck !== MMUCHECK_VERSION)
    throw new InputError(
      `holds a run of mmucheck ${record.mmucheck}, and this is mmucheck ${MMUCHECK_VERSION}: every process of a run must be the same version`,
      undefined,
      where,
    );
  const model = record.model as Partial<ClusterModel> | null;
  if (typeof model !== 'object' || model === null || typeof model.scenario !== 'object' || !model.manifest)
    throw new InputError('holds a run record without its scenario', undefined, where);
  return model as ClusterModel;
}

function refuseUnsupported(flags: ClusterFlags, option: string): void {
  const refuse = (flag: string, why: string) => {
    throw new InputError(`cannot be combined with ${flag}: ${why}`, undefined, option);
  };
  if (flags.exact === true) refuse('--exact', 'the store keeps fingerprints, not whole states');
  if (flags.continue === true) refuse('--continue', 'a distributed run is one search');
  if (flags.coverage === true) refuse('--coverage', 'workers do not count statements');
  if (flags.checkpoint !== undefined) refuse('--checkpoint', 'the store itself holds the run, for `resume URL`');
  if (flags.workers !== undefined)
    refuse('--workers', 'the workers of a distributed run are `mmucheck worker URL` processes');
}

function requireSafetyOnly(source: RunSource, option: string): void {
  if (needsStateGraph(source.model))
    throw new InputError(
      'does not keep the state graph on which the liveness properties are judged: add --no-liveness (safety properties only), or name the properties with --property',
      undefined,
      option,
    );
}

function noter(io: Io, flags: { readonly quiet?: boolean }): (text: string) => void {
  return (text) => {
    if (flags.quiet !== true) io.err(`mmucheck: ${text}\n`);
  };
}
