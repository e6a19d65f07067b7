/**
 * Trend detection's grouping (docs/problems.md), pure so it can be property-tested: incidents that share a
 * scope (a CI, `ci:<id>`, or a service, `service:<id>`) and whose titles are alike (pairs found by pg_trgm in
 * SQL) are grouped as the connected parts of the "alike" graph within the scope; a group of at least
 * `minIncidents` becomes a candidate. CIs are looked at before services (the narrower scope says more), each
 * scope in a fixed order, and an incident placed in a group is not placed again: groups never overlap, and the
 * answer does not depend on the order the incidents come in.
 */
export type TrendIncident = { id: string; scopes: readonly string[]; title: string; createdAt: number };
export type TrendGroup = { scope: string; ids: string[] };

const scopeOrder = (a: string, b: string) => {
  const rank = (s: string) => (s.startsWith('ci:') ? 0 : 1);
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
};

export function trendGroups(
  incidents: readonly TrendIncident[],
  alike: ReadonlyArray<readonly [string, string]>,
  minIncidents: number,
): TrendGroup[] {
  const byId = new Map(incidents.map((i) => [i.id, i]));
  const neighbours = new Map<string, Set<string>>();
  for (const [a, b] of alike) {
    if (a === b || !byId.has(a) || !byId.has(b)) continue;
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      if (!neighbours.has(x)) neighbours.set(x, new Set());
      neighbours.get(x)!.add(y);
    }
  }
  const scopes = [...new Set(incidents.flatMap((i) => i.scopes))].sort(scopeOrder);
  const taken = new Set<string>();
  const groups: TrendGroup[] = [];
  const order = (x: string, y: string) => {
    const a = byId.get(x)!;
    const b = byId.get(y)!;
    return a.createdAt - b.createdAt || (x < y ? -1 : x > y ? 1 : 0);
  };
  for (const scope of scopes) {
    const members = new Set(
      incidents.filter((i) => !taken.has(i.id) && i.scopes.includes(scope)).map((i) => i.id),
    );
    const seen = new Set<string>();
    for (const start of [...members].sort(order)) {
      if (seen.has(start)) continue;
      // the connected part of the alike graph within this scope's members
      const part: string[] = [];
      const stack = [start];
      seen.add(start);
      while (stack.length) {
        const x = stack.pop()!;
        part.push(x);
        for (const y of neighbours.get(x) ?? [])
          if (members.has(y) && !seen.has(y)) {
            seen.add(y);
            stack.push(y);
          }
      }
      if (part.length >= minIncidents) {
        groups.push({ scope, ids: part.sort(order) });
        for (const id of part) taken.add(id);
      }
    }
  }
  return groups;
}

const wordsOf = (title: string) => title.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? [];

/**
 * A candidate's proposed title: the title most typical of its incidents — the one holding the most of the
 * words (of three letters or more) found in at least half of the titles, the shortest of those, the earliest
 * of equals. Titles come earliest first.
 */
export function commonTitle(titles: readonly string[]): string {
  if (!titles.length) return '';
  const sets = titles.map((t) => new Set(wordsOf(t).map((w) => w.toLowerCase())));
  const counts = new Map<string, number>();
  for (const set of sets) for (const w of set) counts.set(w, (counts.get(w) ?? 0) + 1);
  const common = [...counts].filter(([w, n]) => w.length >= 3 && n * 2 >= titles.length).map(([w]) => w);
  let best = 0;
  let bestScore = -1;
  titles.forEach((t, i) => {
    const score = common.filter((w) => sets[i]!.has(w)).length;
    if (score > bestScore || (score === bestScore && t.length < titles[best]!.length)) {
      best = i;
      bestScore = score;
    }
  });
  return titles[best]!.trim().slice(0, 300);
}
