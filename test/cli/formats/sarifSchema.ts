/** The official SARIF 2.1.0 schema (test/fixtures/sarif, see SOURCE.md there), compiled once for the format tests. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';

const raw = JSON.parse(
  readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8'),
);
// A draft-04 schema: Ajv (draft-07) reads it once `id` is spelt `$id`; its `language` pattern needs non-unicode regular expressions.
const { $schema: _draft04, id, ...schema } = raw;
const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
(addFormatsModule as unknown as (a: Ajv) => Ajv)(ajv);

/** Validates a SARIF log; its `errors` say why one is refused. */
export const validateSarif = ajv.compile({ ...schema, $id: id });
