/**
 * Every property's status at one state, as the explorer shows it beside the state: an invariant
 * holds or is violated here (with its message); deadlock freedom is violated where no action is
 * enabled and the model does not call the state final; a `sometimes` property is witnessed here
 * or not, an `eventually` property reached here or not (both are claims about paths, which a
 * single state cannot settle). A property whose check throws says so instead of ending the server.
 */
import type { Model } from '../../model/Model.js';
import type { Property } from '../../model/Property.js';

/** One property at one state. */
export interface PropertyStatus {
  readonly id: string;
  readonly name: string;
  readonly kind: Property<unknown>['kind'];
  readonly status: 'holds' | 'violated' | 'witnessed' | 'not-witnessed' | 'reached' | 'not-reached' | 'error';
  readonly message?: string;
}

/** True when `state` has no enabled action and the model does not call it final. */
export function isDeadlock(model: Model<unknown, unknown>, state: unknown, enabled: number): boolean {
  return enabled === 0 && !(model.isFinal?.(state) ?? false);
}

function statusOf(
  p: Property<unknown>,
  model: Model<unknown, unknown>,
  state: unknown,
  enabled: number,
): Pick<PropertyStatus, 'status' | 'message'> {
  switch (p.kind) {
    case 'always': {
      const message = p.violation(state);
      return message === undefined ? { status: 'holds' } : { status: 'violated', message: String(message) };
    }
    case 'deadlockFree':
      return isDeadlock(model, state, enabled)
        ? { status: 'violated', message: 'deadlock: no thread can move and the state is not a proper end' }
        : { status: 'holds' };
    case 'sometimes':
      return { status: p.holds(state) ? 'witnessed' : 'not-witnessed' };
    case 'eventually':
      return { status: p.holds(state) ? 'reached' : 'not-reached' };
    case 'leadsTo':
      if (p.response(state)) return { status: 'reached' };
      return p.trigger(state)
        ? { status: 'not-reached', message: 'triggered here: a response is owed' }
        : { status: 'holds' };
  }
}

/** The status of each of `properties` at `state`, where `enabled` actions are enabled. */
export function propertyStatuses(
  model: Model<unknown, unknown>,
  properties: readonly Property<unknown>[],
  state: unknown,
  enabled: number,
): PropertyStatus[] {
  return properties.map((p) => {
    let status: Pick<PropertyStatus, 'status' | 'message'>;
    try {
      status = statusOf(p, model, state, enabled);
    } catch (e) {
      status = { status: 'error', message: `the check threw: ${e instanceof Error ? e.message : String(e)}` };
    }
    return { id: p.id, name: p.name, kind: p.kind, ...status };
  });
}
