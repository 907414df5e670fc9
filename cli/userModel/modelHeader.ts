/** The header of a model file's text reports: the model, its file, its threads, what is checked. */
import { escapeText as t } from '../../model/safeText.js';
import type { Property } from '../../model/Property.js';
import type { ThreadSpec } from '../../model/program/ProgramModel.js';
import type { LoadedModel } from './loadModelFile.js';

const KIND_NOTES: Record<Property<unknown>['kind'], string> = {
  always: '',
  deadlockFree: '',
  sometimes: ' (sometimes)',
  eventually: ' (eventually)',
  leadsTo: ' (leads to)',
};

/** Header lines; every text in them comes from the model file, so all of it is escaped. */
export function modelHeader(
  loaded: LoadedModel,
  threads: readonly ThreadSpec[] | undefined,
  properties: readonly Property<unknown>[],
): string[] {
  const { name, description, file } = loaded;
  const names = threads?.map((th) => `${t(th.name)}${th.daemon === true ? ' (daemon)' : ''}`).join(', ');
  return [
    `model      ${t(name)}${description ? `: ${t(description)}` : ''}`,
    `file       ${t(file)}`,
    ...(names === undefined ? [] : [`threads    ${names}`]),
    `checking   ${properties.map((p) => `${t(p.id)}${KIND_NOTES[p.kind]}`).join(', ') || 'no properties'}`,
  ];
}
