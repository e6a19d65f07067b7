/**
 * The fields of a patch that differ from a record (undefined: not given): what to set on its row, and the
 * history entries [field, before, after] for them. One comparison for work items, their detail tables and
 * any other record: points in time are equal when they name the same instant, lists when they hold the same
 * values in the same order.
 */
export function changedFields<T extends object>(before: T, patch: Partial<T>) {
  const history: Array<[string, unknown, unknown]> = [];
  const set: Partial<T> = {};
  for (const [k, v] of Object.entries(patch) as Array<[keyof T & string, unknown]>) {
    if (v !== undefined && !sameValue(v, before[k])) {
      history.push([k, before[k], v]);
      (set as Record<string, unknown>)[k] = v;
    }
  }
  return { set, history };
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date)
    return (a as Date | null)?.getTime?.() === (b as Date | null)?.getTime?.();
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  return a === b;
}
