import 'reflect-metadata';
import { benchFeed } from './feed.bench';
import { benchShield } from './shield.bench';
import { benchImport } from './import.bench';
import { benchWrites } from './writes.bench';
import { reportScreens } from './screens/report';
import { reportCadence } from './cadence/report';

/**
 * npm run bench: prints Markdown tables for the README. BENCH=shield, feed, writes, import, screens or cadence runs one.
 * Ratios against a baseline of the same run where there is one, never wall-clock limits; cadence reports absolute
 * latencies, as issue 15 sets an absolute target (with the load average beside them).
 */
async function main() {
  const which = process.env.BENCH ?? 'all';
  if (which === 'all' || which === 'shield') await shield();
  if (which === 'all' || which === 'feed') await feed();
  if (which === 'all' || which === 'writes') await writes();
  if (which === 'all' || which === 'import') await importFile();
  if (which === 'all' || which === 'screens') await reportScreens();
  if (which === 'all' || which === 'cadence') await reportCadence();
}

async function writes() {
  const rows = await benchWrites(Number(process.env.BENCH_SECONDS ?? 5), Number(process.env.BENCH_WRITERS ?? 32));
  process.stdout.write(
    `\n| MariaDB, ${rows[0].writers} writers, each renaming a customer of its own | writes/s |\n| --- | --- |\n`,
  );
  for (const r of rows)
    process.stdout.write(`| ${r.addedMs} ms added per round trip | ${r.writesPerSecond.toFixed(0)} |\n`);
}

const perRow = (cpuSeconds: number, rows: number) =>
  `${cpuSeconds.toFixed(1)} s (${Math.round((cpuSeconds * 1e6) / rows)} µs/row)`;

async function importFile() {
  const rows = await benchImport(Number(process.env.BENCH_ROWS ?? 200_000));
  process.stdout.write(
    '\n| npm run import, MariaDB, sales_rep, CSV | rows | seconds | rows/s | peak RSS | importer CPU | MariaDB CPU | statements |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n',
  );
  for (const r of rows)
    process.stdout.write(
      `| ${r.label} | ${r.rows.toLocaleString()} | ${r.seconds.toFixed(1)} | ${Math.round(r.rate).toLocaleString()} | ${r.peakRssMb ? `${r.peakRssMb.toFixed(0)} MB` : '—'} | ${perRow(r.cpuSeconds, r.rows)} | ${perRow(r.dbCpuSeconds, r.rows)} | ${r.statements.toLocaleString()} (${((r.statements * 1000) / r.rows).toFixed(0)} per 1,000 rows) |\n`,
    );
  const [baseline, created] = rows;
  process.stdout.write(`new customers at ${(created.rate / baseline.rate).toFixed(2)}× the baseline's rows/s\n`);
  for (const r of rows) if (r.summary) process.stdout.write(`${r.summary}\n`);
}

async function feed() {
  const rows = await benchFeed();
  process.stdout.write(
    '\n| change feed, 100 changes/s for 10 s, half partners (API key) and half general managers, SQLite | events | deliveries expected | lost | duplicates | p50 | p99 | max | API CPU | heap per idle subscriber |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n',
  );
  for (const r of rows) {
    process.stdout.write(
      `| ${r.subscribers} subscribers | ${r.events} | ${r.expected} | ${r.lost} | ${r.duplicates} | ${r.p50} ms | ${r.p99} ms | ${r.max} ms | ${r.apiCpu.toFixed(0)}% | ${(r.heapPerIdle / 1024).toFixed(0)} KiB |\n`,
    );
  }
  if (rows.length >= 2) {
    const [low, high] = [rows[0], rows[rows.length - 1]];
    process.stdout.write(
      `\np99 at ${high.subscribers} subscribers / p99 at ${low.subscribers}: ${(high.p99 / low.p99).toFixed(1)}×\n`,
    );
  }
}

async function shield() {
  const rows = await benchShield(Number(process.env.BENCH_ROUNDS ?? 3), Number(process.env.BENCH_SECONDS ?? 5));
  process.stdout.write(
    '\n| nested page of 50 customers (3 contacts, 5 trades each), SQLite | rules off (req/s) | shield, masking and read audit (req/s, ratio) |\n| --- | --- | --- |\n',
  );
  for (const r of rows) {
    process.stdout.write(
      `| as ${r.role} | ${r.rulesOff.toFixed(1)} | ${r.rulesOn.toFixed(1)} (${r.ratio.toFixed(2)}×) |\n`,
    );
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : err}\n`);
  process.exit(1);
});
