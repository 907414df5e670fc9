/**
 * The groups of actions fairness is given to, numbered for the state graph. A program names its
 * threads (`fairnessGroups`/`fairnessGroup`); a model without them is grouped by the thread its
 * `actionView` names, numbered as they are first met (in breadth-first order, so the same on every
 * run); a model with neither is one group.
 */
import type { Model } from '../../model/Model.js';
import { fairnessOf, type Fairness, type FairnessKind } from '../../model/Fairness.js';
import { NO_FAIRNESS } from '../../model/Fairness.js';
import { ModelContractError, describeReturned } from '../modelContract.js';
import type { Expansion } from '../search/Expansion.js';

/** The most groups a model may have (edges store a group in 16 bits). */
export const MAX_GROUPS = 65_535;

/** Numbers the group of each action a search takes. */
export class FairnessGroups<S, A> {
  private readonly names: string[];
  private readonly byName = new Map<string, number>();
  private readonly declared: boolean;

  constructor(private readonly model: Model<S, A>) {
    this.declared = model.fairnessGroup !== undefined && model.fairnessGroups !== undefined;
    this.names = this.declared ? [...model.fairnessGroups!()] : [];
    if (!this.declared && model.actionView === undefined) this.named('model');
  }

  /** The group of the `k`-th action of the state loaded in `x`. */
  of(x: Expansion<S, A>, k: number): number {
    if (this.declared) {
      const thread = x.actionThread?.(k);
      const group = thread ?? this.model.fairnessGroup!(x.state(), x.actionAt(k) as A);
      if (!Number.isInteger(group) || group < 0 || group >= this.names.length)
        throw new ModelContractError(
          `fairnessGroup() returned ${describeReturned(group)}: it must be an index into the ${this.names.length} groups fairnessGroups() lists`,
        );
      return group;
    }
    if (this.model.actionView === undefined) return 0;
    return this.named(this.model.actionView(x.state(), x.actionAt(k) as A).thread);
  }

  /** Every group's name, by number. */
  get all(): readonly string[] {
    return this.names;
  }

  /** The fairness each group gets: the model's, or `override` for every group. */
  kinds(override: FairnessKind | undefined): FairnessKind[] {
    const fairness: Fairness =
      override !== undefined ? { default: override } : (this.model.fairness?.() ?? NO_FAIRNESS);
    return this.names.map((name) => fairnessOf(fairness, name));
  }

  private named(name: string): number {
    let group = this.byName.get(name);
    if (group === undefined) {
      group = this.names.length;
      if (group >= MAX_GROUPS) throw new RangeError(`the model has more than ${MAX_GROUPS} fairness groups`);
      this.names.push(name);
      this.byName.set(name, group);
    }
    return group;
  }
}
