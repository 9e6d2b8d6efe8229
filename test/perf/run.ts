import 'reflect-metadata';
import { benchShield } from './shield.bench';

/** npm run bench: prints a Markdown table for the README. Ratios, not wall-clock limits. */
async function main() {
  const rows = await benchShield(Number(process.env.BENCH_ROUNDS ?? 3), Number(process.env.BENCH_SECONDS ?? 5));
  process.stdout.write(
    '\n| nested page of 50 customers (3 contacts, 5 trades each), SQLite | rules off (req/s) | shield + masking (req/s, ratio) | + read audit (req/s, ratio) |\n| --- | --- | --- | --- |\n',
  );
  for (const r of rows) {
    process.stdout.write(
      `| as ${r.role} | ${r.rulesOff.toFixed(1)} | ${r.rulesNoAudit.toFixed(1)} (${r.ratioNoAudit.toFixed(2)}×) | ${r.rulesOn.toFixed(1)} (${r.ratio.toFixed(2)}×) |\n`,
    );
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : err}\n`);
  process.exit(1);
});
