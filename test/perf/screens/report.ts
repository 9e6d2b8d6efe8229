import fs from 'node:fs';
import path from 'node:path';
import { benchScreens, type MemoryMiB, type ScreensResult } from './screens.bench';

/** Where the JSON of each run goes: the git-ignored data/ folder, one file per data size. */
const OUT_DIR = process.env.BENCH_OUT ?? path.join(process.cwd(), 'data', 'bench');
const fileFor = (customers: number) => path.join(OUT_DIR, `screens-${customers}.json`);

const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');
const ms = (n: number) => (Number.isFinite(n) ? `${Math.round(n)} ms` : '–');
const out = (line = '') => process.stdout.write(`${line}\n`);

/** Runs BENCH=screens, prints the Markdown tables for the README and writes the JSON file. */
export async function reportScreens(): Promise<void> {
  const r = await benchScreens();
  fs.mkdirSync(OUT_DIR, { recursive: true });
  fs.writeFileSync(fileFor(r.customers), JSON.stringify(r, null, 2));
  printScreens(r);
  out(`\n(JSON: ${path.relative(process.cwd(), fileFor(r.customers))})`);
}

export function printScreens(r: ScreensResult): void {
  const m = r.machine;
  out(
    `\nScreens on MariaDB ${m.database}, ${r.customers.toLocaleString()} customers, ${r.date.slice(0, 10)}, ${m.cpus} × ${m.cpuModel}, Node ${m.node};` +
      ` ${r.settings.connections} connections, ${r.settings.rounds} interleaved rounds of ${r.settings.seconds} s, medians`,
  );
  out(
    '\n| screen | role | API req/s | baseline req/s | ratio | API p99 | baseline p99 | p99 ratio | API CPU/req | baseline CPU/req | baseline/API CPU |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const c of r.compared) {
    out(
      `| ${c.screen} | ${c.role} | ${f1(c.api.rps)} | ${f1(c.baseline.rps)} | ${c.ratio.toFixed(2)}× | ${ms(c.api.p99)} | ${ms(c.baseline.p99)} | ${c.p99Ratio.toFixed(2)}× |` +
        ` ${c.api.cpuMs.toFixed(1)} ms | ${c.baseline.cpuMs.toFixed(2)} ms | ${(1 / c.cpuRatio).toFixed(2)}× |`,
    );
  }
  for (const screen of ['S1', 'S2']) {
    const [gm, an] = ['general_manager', 'analyst'].map((role) =>
      r.compared.find((c) => c.screen === screen && c.role === role),
    );
    if (gm && an) out(`\n${screen}: general manager / analyst throughput ${(gm.api.rps / an.api.rps).toFixed(2)}×`);
  }
  out(
    '\n| screen | role | API req/s | p50 | p95 | p99 | API CPU/req | failed |\n| --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const a of [...r.compared, ...r.alone]) {
    out(
      `| ${a.screen} | ${a.role} | ${f1(a.api.rps)} | ${ms(a.api.p50)} | ${ms(a.api.p95)} | ${ms(a.api.p99)} | ${a.api.cpuMs.toFixed(1)} ms | ${a.api.failed} |`,
    );
  }
  out(
    '\n| SQL statements per request (counted by MariaDB) | role | page | API | baseline |\n| --- | --- | --- | --- | --- |',
  );
  for (const s of r.statements)
    out(
      `| ${s.screen} | ${s.role} | ${s.page ?? '–'} | ${f1(s.api)} | ${s.baseline === null ? '–' : f1(s.baseline)} |`,
    );
  out(
    `\nRSS of the API after the load: ${r.rssAfterLoadMiB.toFixed(0)} MiB. Cold start to /readyz on the embedded SQLite:` +
      ` first start ${r.coldStart.firstStartMs} ms (migrations and demo data), restart ${r.coldStart.restartMs} ms.`,
  );
  if (r.memory) {
    const row = (when: string, m: MemoryMiB) =>
      `| ${when} | ${m.rss.toFixed(0)} | ${m.heapTotal.toFixed(0)} | ${m.heapUsed.toFixed(0)} | ` +
      `${Object.entries(m.spaces)
        .filter(([, v]) => v >= 1)
        .map(([k, v]) => `${k} ${v.toFixed(0)}`)
        .join(', ')} | ${m.external.toFixed(0)} |`;
    out(
      '\n| API memory, MiB | RSS | V8 heap committed | heap used | committed by space | external |\n| --- | --- | --- | --- | --- | --- |',
    );
    out(row('after the load', r.memory.afterLoad));
    out(row('after a full GC', r.memory.afterGc));
    out(`Baseline RSS after the same load: ${r.memory.baselineRss.toFixed(0)} MiB.`);
  }
  if (r.seed)
    out(
      `Seed: ${r.seed.customers.toLocaleString()} customers in ${r.seed.seconds.toFixed(1)} s, ${Math.round(r.seed.perSecond).toLocaleString()} customers/s.`,
    );
  printScale(r);
}

/** p95 at 1,000,000 customers over p95 at 10,000, when both runs' files are there. */
function printScale(r: ScreensResult): void {
  const read = (n: number): ScreensResult | null =>
    fs.existsSync(fileFor(n)) ? JSON.parse(fs.readFileSync(fileFor(n), 'utf8')) : null;
  const [small, large] = [read(10_000), read(1_000_000)];
  if (!small || !large || (r.customers !== 10_000 && r.customers !== 1_000_000)) return;
  out('\n| scale: p95 at 1M / p95 at 10k | role | ratio |\n| --- | --- | --- |');
  const rows = (x: ScreensResult) => [...x.compared, ...x.alone];
  for (const a of rows(large)) {
    const b = rows(small).find((s) => s.screen === a.screen && s.role === a.role);
    if (b && a.screen !== 'S6' && a.screen !== 'S5')
      out(`| ${a.screen} | ${a.role} | ${(a.api.p95 / b.api.p95).toFixed(2)}× |`);
  }
}
