import 'reflect-metadata';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { cliViewer } from '../server/cli-viewer';
import { ReadRecorder } from '../auth/read-recorder';
import { Loaders } from '../common/loaders';
import { loadConfig } from '../config/config';
import { openDataSource } from '../db/data-source';
import { ENTITIES } from '../server/entities';
import type { CliIo } from '../import/import.cli';
import { RECORD_KINDS, type RecordKind } from '../import/columns';
import { createProtectedSchema } from '../server/app';
import { createLogger } from '../server/logger';
import { createServices } from '../server/services';
import { ExportService, type ExportSpec, fileNameOf } from './export.service';

const USAGE =
  'usage: npm run export -- <customers|contacts|trades> [--filter JSON] [--format csv|xlsx] [--headers zh|en] [--out FILE] --token <token>';

/** The --filter argument: a JSON object as the list query's filter variable takes it, checked by the query itself. */
function filterOf(text: string | undefined): Record<string, unknown> | null {
  if (text === undefined) return null;
  const value: unknown = JSON.parse(text);
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new Error('--filter must be a JSON object, e.g. {"region":["EAST"]}');
  return value as Record<string, unknown>;
}

/**
 * npm run export: the records the token's user may see, as that user (npm run import's
 * --token, checked as the API checks it), into a CSV or XLSX file. Exit 0 when written, 2
 * when the command, the token or the filter could not be used (the file is then removed).
 */
export async function exportCli(
  args: string[],
  io: CliIo = process,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      filter: { type: 'string' },
      format: { type: 'string', default: 'csv' },
      headers: { type: 'string', default: 'zh' },
      out: { type: 'string' },
      token: { type: 'string' },
    },
  });
  const [type] = positionals;
  if (
    positionals.length !== 1 ||
    !values.token ||
    !RECORD_KINDS.includes(type as RecordKind) ||
    !['csv', 'xlsx'].includes(values.format!) ||
    !['zh', 'en'].includes(values.headers!)
  ) {
    io.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const config = loadConfig(env);
  const ds = await openDataSource({ entities: ENTITIES, databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  let file: string | null = null;
  try {
    const spec: ExportSpec = {
      type: type as RecordKind,
      filter: filterOf(values.filter),
      format: values.format as ExportSpec['format'],
      headers: values.headers as ExportSpec['headers'],
    };
    const viewer = await cliViewer(config, ds, values.token);
    const services = createServices(ds, { archiveNoPattern: config.archiveNoPattern, rules: config.rules });
    const log = createLogger('silent');
    const exports = new ExportService(ds, await createProtectedSchema(), (v, requestId) => ({
      requestId,
      viewer: v,
      loaders: new Loaders(),
      services,
      log,
      reads: new ReadRecorder(),
    }));
    const target = path.resolve(values.out ?? fileNameOf(spec, new Date()));
    const rows = await exports.write(
      viewer,
      spec,
      () => fs.createWriteStream((file = target), { mode: 0o640 }),
      `export-${crypto.randomUUID()}`,
    );
    io.stdout.write(`exported ${rows.toLocaleString()} ${spec.type} to ${target}\n`);
    file = null;
    return 0;
  } catch (err) {
    io.stderr.write(`export failed: ${err instanceof Error ? err.message : err}\n`);
    if (file) fs.rmSync(file, { force: true });
    return 2;
  } finally {
    await ds.destroy();
  }
}

if (require.main === module) {
  exportCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(`export failed: ${err instanceof Error ? err.message : err}\n`);
      process.exit(2);
    },
  );
}
