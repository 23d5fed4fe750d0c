/**
 * One row of a workflow's transition table (commitment-state.ts, wish-state.ts): the statuses an
 * action may start from, and the status it leads to (null: an activity that keeps the status).
 */
export interface TransitionRule<S extends string> {
  from: readonly S[];
  to: S | null;
}

/** Where the rule leads from `status`: its `to`, the same status for an activity, null when not allowed. */
export function statusAfter<S extends string>(rule: TransitionRule<S>, status: S): S | null {
  if (!rule.from.includes(status)) return null;
  return rule.to ?? status;
}
