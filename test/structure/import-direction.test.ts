import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * The folders of src/, lowest layer first. A file may import its own folder and any folder
 * of a lower layer; a folder of its own layer only where that layer allows peers. Nothing
 * imports upwards. Above every layer are the entry points: src/main.ts and each `*.cli.ts`
 * (a program's main composes the app, so it may import anything, and nothing imports it).
 * Folders not in src/ yet are placed ahead of time so the rule is known before they come.
 */
const LAYERS: { folders: string[]; peers: boolean; holds: string }[] = [
  {
    folders: ['config', 'common'],
    peers: true,
    holds: 'settings, errors, ids, paging, loaders: nothing of the domain',
  },
  {
    folders: ['db'],
    peers: false,
    holds: 'the data source, transactions, columns; the entity list is handed in from the top',
  },
  {
    folders: ['auth'],
    peers: false,
    holds:
      'who may see and write what: roles, the policy tables, the row scope, the request Context, the read recorder',
  },
  {
    folders: ['outbox'],
    peers: false,
    holds: "the change feed's storage: events and history written in the writer's transaction",
  },
  {
    folders: ['users', 'customers', 'contacts', 'trades', 'visits', 'credit', 'cadence', 'care'],
    // Genuinely one layer: each write keeps the others' rows in the same transaction (a trade
    // refreshes its customer's purchase cadence and may use a credit override, a visit checks
    // the contact's consent and moves the contact cadence, an employee lists their customers),
    // so these folders call each other both ways.
    peers: true,
    holds: 'the core records and the rules their writes keep together',
  },
  { folders: ['complaints', 'grants'], peers: false, holds: 'records that only hang off the core ones' },
  {
    folders: [
      'audit',
      'classification',
      'duplicates',
      'handover',
      'history',
      'retention',
      'stats',
      'partners',
      'node',
      'import',
    ],
    // Each works over several record folders; none builds on another, so a peer import is a
    // sign that shared code belongs in a lower layer.
    peers: false,
    holds: 'features over the records',
  },
  {
    folders: ['export'],
    peers: false,
    holds: "exports: the list queries as the caller, in the import's columns read the other way",
  },
  {
    folders: ['changes'],
    peers: false,
    holds: 'the change feed: reads the outbox, hydrates records, delivers to subscribers',
  },
  {
    folders: ['webhooks'],
    peers: false,
    holds: "the change feed POSTed to partners' receivers: registration, leases, signed deliveries, their log",
  },
  {
    folders: ['demo', 'jobs'],
    peers: false,
    holds: 'the features run outside a request: demo data and the seed, scheduled jobs',
  },
  {
    folders: ['server'],
    peers: false,
    holds: 'the composition root: entity list, services, schema, HTTP and WebSocket',
  },
];

const SRC = path.resolve(__dirname, '../../src');
const ENTRY = Number.MAX_SAFE_INTEGER;

const layerOf = new Map(LAYERS.flatMap((layer, index) => layer.folders.map((folder) => [folder, index] as const)));

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The top folder of src/ a file is in, or null for src/ itself. */
const folderOf = (file: string): string | null => {
  const parts = path.relative(SRC, file).split(path.sep);
  return parts.length > 1 ? parts[0] : null;
};

const isEntryPoint = (file: string) => folderOf(file) === null || file.endsWith('.cli.ts');

/** Relative imports, re-exports and dynamic imports of a file, as TypeScript's own scanner finds them. */
const importsOf = (file: string): string[] =>
  ts
    .preProcessFile(fs.readFileSync(file, 'utf8'), true, true)
    .importedFiles.map((f) => f.fileName)
    .filter((name) => name.startsWith('.'));

interface Arrow {
  from: string;
  to: string;
  spec: string;
}

function backArrows(): Arrow[] {
  const arrows: Arrow[] = [];
  for (const file of sourceFiles(SRC)) {
    if (isEntryPoint(file)) continue;
    const from = folderOf(file)!;
    for (const spec of importsOf(file)) {
      const target = path.resolve(path.dirname(file), spec);
      if (!target.startsWith(SRC + path.sep)) continue;
      const to = folderOf(target);
      if (to === from) continue;
      const [a, b] = [layerOf.get(from)!, to === null ? ENTRY : layerOf.get(to)!];
      if (b > a || (b === a && !LAYERS[a].peers))
        arrows.push({ from: path.relative(SRC, file), to: to ?? 'src', spec });
    }
  }
  return arrows;
}

describe('folder imports run one way', () => {
  it('places every folder of src/ in exactly one layer', () => {
    const listed = LAYERS.flatMap((layer) => layer.folders);
    expect(new Set(listed).size).toBe(listed.length);
    const folders = fs
      .readdirSync(SRC, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    expect(folders.filter((folder) => !layerOf.has(folder))).toEqual([]);
  });

  it('has no import from a lower folder of a higher one, nor between peers where the layer has none', () => {
    expect(backArrows()).toEqual([]);
  });
});
