import { readFileSync } from 'node:fs';

/**
 * `node bench/profile.ts <file.cpuprofile> [n]`: the functions that took the most CPU time themselves, and
 * the most time including what they called, from a profile `npm run bench -- --cpu-prof dir` wrote.
 */
type Node = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
};
const [file, top = '25'] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/profile.ts <file.cpuprofile> [n]');
  process.exit(2);
}
const prof = JSON.parse(readFileSync(file, 'utf8')) as {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
};
const self = new Map<number, number>();
prof.samples.forEach((id, i) => {
  self.set(id, (self.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0));
});
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const label = (n: Node) =>
  `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\/(node_modules|src)\//, '$1/')}:${n.callFrame.lineNumber + 1}`;
const selfBy = new Map<string, number>();
const totalBy = new Map<string, number>();
for (const [id, t] of self) {
  const n = byId.get(id)!;
  selfBy.set(label(n), (selfBy.get(label(n)) ?? 0) + t);
  // inclusive time: once per function on the stack
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const l = label(byId.get(cur)!);
    if (!seen.has(l)) totalBy.set(l, (totalBy.get(l) ?? 0) + t);
    seen.add(l);
  }
}
const all = [...self.values()].reduce((a, b) => a + b, 0);
const show = (title: string, m: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [l, t] of [...m].sort((a, b) => b[1] - a[1]).slice(0, Number(top)))
    console.log(
      `${((100 * t) / all).toFixed(1).padStart(5)}%  ${(t / 1000).toFixed(0).padStart(7)} ms  ${l}`,
    );
};
show('self time', selfBy);
show('total time (including callees)', totalBy);
