/** The verdict fields of the JSON report, the same for a scenario's run and a model file's. */
import type { Outcome } from '../../checker/Outcome.js';

/** `verdict`, `property`, `violations` and `reason` of `o`; a model file's violations also say `noWitness`. */
export function verdictJson(o: Outcome<unknown, unknown>, withNoWitness: boolean) {
  return {
    verdict: o.kind === 'modelError' ? 'model-error' : o.kind,
    property: o.kind === 'violation' ? o.violations[0]!.propertyId : null,
    violations:
      o.kind === 'violation'
        ? o.violations.map((v) => ({
            property: v.propertyId,
            name: v.propertyName,
            message: v.message,
            ...(withNoWitness ? { noWitness: v.noWitness === true } : {}),
          }))
        : [],
    reason: o.kind === 'incomplete' ? o.reason : null,
  };
}
