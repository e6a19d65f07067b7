/**
 * Query keys, made in one place per area: every key of an area starts with the area's name, so refreshing
 * the whole area, or one record with everything shown about it, is one prefix. Pages never write keys; each
 * area's data.ts builds them with this and exports them beside its hooks.
 *
 *   const key = areaKeys('risks');
 *   export const riskKeys = { all: key(), one: (id: string) => key('one', id) };
 */
export const areaKeys =
  <const Area extends string>(area: Area) =>
  <const Parts extends readonly unknown[]>(...parts: Parts) =>
    [area, ...parts] as const;
