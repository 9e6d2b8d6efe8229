import fs from 'node:fs';
import path from 'node:path';
import { benchCadence, type CadenceResult, type Cell } from './cadence.bench';
import { isPageStatement } from './explain';

const OUT_DIR = process.env.BENCH_OUT ?? path.join(process.cwd(), 'data', 'bench');
const fileFor = (customers: number) => path.join(OUT_DIR, `cadence-${customers}.json`);

const ms = (n: number) => (Number.isFinite(n) ? `${n.toFixed(n < 10 ? 1 : 0)} ms` : '–');
const out = (line = '') => process.stdout.write(`${line}\n`);
const loads = (l: number[]) => l.map((x) => x.toFixed(2)).join(' / ');

/** Runs BENCH=cadence, prints the Markdown table for the README and writes data/bench/cadence-<N>.json. */
export async function reportCadence(): Promise<void> {
  const r = await benchCadence();
  fs.mkdirSync(OUT_DIR, { recursive: true });
  fs.writeFileSync(fileFor(r.customers), JSON.stringify(r, null, 2));
  printCadence(r);
  out(`\n(JSON: ${path.relative(process.cwd(), fileFor(r.customers))})`);
}

/** The index the page statement reads the customer table by, and the rows it examined. */
function planOf(c: Cell): { index: string; examined: string; count: string } {
  const page = c.explained.find((e) => isPageStatement(e.sql));
  const count = c.explained.find((e) => !isPageStatement(e.sql));
  const main = page?.plan.find((p) => p.table === 'c') ?? page?.plan[0];
  return {
    index: main
      ? `${main.keyColumns ? `(${main.keyColumns})` : (main.key ?? 'none')} ${main.type}${/filesort/i.test(main.extra ?? '') ? ', filesort' : ''}`
      : '–',
    examined: page ? page.rowsExamined.toLocaleString() : '–',
    count: count ? ` + ${count.rowsExamined.toLocaleString()} (count)` : '',
  };
}

export function printCadence(r: CadenceResult): void {
  const m = r.machine;
  const s = r.settings;
  out(
    `\nWorklists on MariaDB ${m.database}, ${r.customers.toLocaleString()} customers, ${r.date.slice(0, 16).replace('T', ' ')} UTC,` +
      ` ${m.cpus} × ${m.cpuModel}, Node ${m.node}; ${s.connections} connections, pages of ${s.pageSize},` +
      ` medians of ${s.rounds} rounds of ${s.seconds} s. Load average (1/5/15 min) ${loads(r.loadAverage.start)} at the start,` +
      ` ${loads(r.loadAverage.end)} at the end.`,
  );
  const d = r.data;
  out(
    `Per sales rep (${d.reps}): ${d.customersPerRep.toLocaleString()} customers, ${d.overduePerRep.toLocaleString()} with a call or visit overdue,` +
      ` ${d.decliningPerRep.toLocaleString()} declining. Active archives by class: ${d.classes}.`,
  );
  out(
    '\n| query | caller | page | p50 | p95 | p99 | req/s | API CPU/req | SQL statements | index, access | rows examined | load 1 min | failed |' +
      '\n| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const c of r.cells) {
    const p = planOf(c);
    out(
      `| ${c.query} | ${c.caller} | ${c.page} | ${ms(c.measured.p50)} | ${ms(c.measured.p95)} | ${ms(c.measured.p99)} |` +
        ` ${c.measured.rps.toFixed(1)} | ${ms(c.measured.cpuMs)} | ${c.statements} | ${p.index} | ${p.examined}${p.count} |` +
        ` ${c.load[0].toFixed(1)}–${c.load[1].toFixed(1)} | ${c.measured.failed} |`,
    );
  }
  out(
    "\n| `npm run jobs -- classify` over the whole table (run 1 after a fresh seed moves the seed's classes to the ranking's) | seconds | output |\n| --- | --- | --- |",
  );
  for (const [i, run] of r.classify.entries()) out(`| run ${i + 1} | ${run.seconds.toFixed(1)} | ${run.output} |`);
  if (r.seed)
    out(
      `\nSeed: ${r.seed.customers.toLocaleString()} customers in ${r.seed.seconds.toFixed(1)} s, ${Math.round(r.seed.perSecond).toLocaleString()} customers/s.`,
    );
}
