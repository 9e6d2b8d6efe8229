import fs from 'node:fs';
import path from 'node:path';

/**
 * Where a CPU profile's time went, by layer: `node dist/test/perf/screens/profile-summary.js
 * <file.cpuprofile|folder>` (the API writes one with BENCH_PROFILE=dir). Self time of each
 * sampled function, grouped by the package or source folder it lives in, then the top
 * functions. A profile covers the whole process life: start it under the load you study.
 */
interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const LAYERS: [RegExp, string][] = [
  [/node_modules\/typeorm\//, 'TypeORM (query building, hydration)'],
  [/node_modules\/mysql2\/|node_modules\/better-sqlite3\//, 'driver (mysql2 / better-sqlite3)'],
  [/node_modules\/graphql-shield\//, 'graphql-shield'],
  [/node_modules\/graphql-middleware\//, 'graphql-middleware'],
  [/node_modules\/type-graphql\//, 'type-graphql'],
  [/node_modules\/graphql\//, 'graphql-js (execution, validation, parsing)'],
  [/node_modules\/@apollo\/|node_modules\/@as-integrations\//, 'Apollo Server'],
  [
    /node_modules\/(express|body-parser|router|raw-body|iconv-lite|finalhandler|send|on-finished)\//,
    'express / HTTP body',
  ],
  [
    /node_modules\/(pino|prom-client|dataloader|jose|class-validator)\//,
    'pino / prom-client / dataloader / jose / class-validator',
  ],
  [/node_modules\//, 'other packages'],
  [/\/src\/auth\//, 'our code: auth (rules, masks, read notes)'],
  [/\/src\/audit\//, 'our code: read audit'],
  [/\/src\/common\//, 'our code: paging, ids, loaders'],
  [/\/src\//, 'our code: services, resolvers, server'],
  [/^node:|^internal\/|^$/, 'Node core (sockets, streams, timers), GC and native'],
];

const layerOf = (url: string) => LAYERS.find(([re]) => re.test(url))?.[1] ?? 'other';

export function summarize(profile: Profile): { layers: [string, number][]; top: [string, number][]; totalMs: number } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++)
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));
  const layers = new Map<string, number>();
  const fns = new Map<string, number>();
  let total = 0;
  for (const [id, us] of self) {
    const { callFrame: f } = byId.get(id)!;
    if (f.functionName === '(idle)' || f.functionName === '(program)') continue;
    total += us;
    const layer =
      f.functionName === '(garbage collector)' ? 'Node core (sockets, streams, timers), GC and native' : layerOf(f.url);
    layers.set(layer, (layers.get(layer) ?? 0) + us);
    const name = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*node_modules\//, '').replace(/^.*\/dist\//, '')}:${f.lineNumber + 1}`;
    fns.set(name, (fns.get(name) ?? 0) + us);
  }
  const sorted = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]);
  return { layers: sorted(layers), top: sorted(fns).slice(0, 25), totalMs: total / 1000 };
}

if (require.main === module) {
  const arg = process.argv[2];
  const files = fs.statSync(arg).isDirectory()
    ? fs
        .readdirSync(arg)
        .filter((f) => f.endsWith('.cpuprofile'))
        .map((f) => path.join(arg, f))
    : [arg];
  for (const file of files) {
    const { layers, top, totalMs } = summarize(JSON.parse(fs.readFileSync(file, 'utf8')));
    process.stdout.write(
      `\n${path.basename(file)}: ${(totalMs / 1000).toFixed(1)} s of CPU (idle left out)\n\n| layer | share |\n| --- | --- |\n`,
    );
    for (const [layer, us] of layers)
      process.stdout.write(`| ${layer} | ${((us / 1000 / totalMs) * 100).toFixed(1)}% |\n`);
    process.stdout.write('\ntop functions (self time):\n');
    for (const [fn, us] of top)
      process.stdout.write(`  ${((us / 1000 / totalMs) * 100).toFixed(1).padStart(5)}%  ${fn}\n`);
  }
}
