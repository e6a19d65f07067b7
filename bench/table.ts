import { readFileSync } from 'node:fs';
import { type Row, table } from './report.ts';

/** `node bench/table.ts bench/results/<file>.json`: a results file as the Markdown table the run printed. */
const file = process.argv[2];
if (!file) {
  console.error('usage: node bench/table.ts <results.json>');
  process.exit(2);
}
const report = JSON.parse(readFileSync(file, 'utf8')) as {
  date: string;
  scale: string;
  machine: { cores: number; cpu: string; memoryGiB: number; node: string; postgres: string; commit: string };
  generation: { seconds: number; workItemsPerSecond?: number; counts: Record<string, number> };
  results: Row[];
};
const m = report.machine;
console.log(
  `${report.scale}, ${report.date.slice(0, 10)}, commit ${m.commit}: ${m.cores} cores (${m.cpu}), ${m.memoryGiB} GiB, Node ${m.node}, PostgreSQL ${m.postgres}; ` +
    `organisation ${report.generation.workItemsPerSecond === undefined ? 'reused from earlier runs' : `generated in ${report.generation.seconds.toFixed(0)} s`} (${Object.entries(
      report.generation.counts,
    )
      .map(([k, v]) => `${v.toLocaleString('en')} ${k}`)
      .join(', ')})\n`,
);
console.log(table(report.results.map((r) => ({ ...r, note: r.note?.replace(/\|/g, '/') }))));
