import 'reflect-metadata';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/config';
import { openDataSource } from '../db/data-source';
import { ENTITIES } from '../server/entities';
import { createSchema } from '../server/schema';
import { RECORD_KINDS, type RecordKind } from './columns';
import { ImportService, type ImportSummary } from './import.service';
import { progressView } from './progress';
import { cliViewer } from '../server/cli-viewer';

const USAGE =
  'usage: npm run import -- <file.csv|file.xlsx> [--type customers|contacts|trades] [--dry-run] [--partial] [--encoding utf-8|gbk] --token <token>';

/** Where a CLI writes: the process's streams, or a test's. */
export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream | NodeJS.WritableStream;
}

/**
 * npm run import: one file, as the user of the token. Exit 0 when every row was good and
 * (unless --dry-run) stored, 1 when rows were refused (see the report), 2 when the file or
 * the command could not be used at all.
 */
export async function importCli(
  args: string[],
  io: CliIo = process,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      type: { type: 'string', default: 'customers' },
      'dry-run': { type: 'boolean', default: false },
      partial: { type: 'boolean', default: false },
      encoding: { type: 'string' },
      token: { type: 'string' },
    },
  });
  if (positionals.length !== 1 || !values.token || !RECORD_KINDS.includes(values.type as RecordKind)) {
    io.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const config = loadConfig(env);
  const ds = await openDataSource({ entities: ENTITIES, databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const viewer = await cliViewer(config, ds, values.token);
    const service = new ImportService(ds, { archiveNoPattern: config.archiveNoPattern, rules: config.rules });
    const progress = progressView(io.stderr as NodeJS.WriteStream);
    const file = path.resolve(positionals[0]);
    let summary: ImportSummary;
    try {
      summary = await service.importFile(viewer, file, await createSchema(), {
        type: values.type as RecordKind,
        dryRun: values['dry-run'],
        partial: values.partial,
        encoding: values.encoding,
        onProgress: (p) => progress.update(p),
      });
    } finally {
      progress.stop();
    }
    io.stdout.write(describe(summary));
    return summary.rejected > 0 ? 1 : 0;
  } catch (err) {
    io.stderr.write(`import failed: ${err instanceof Error ? err.message : err}\n`);
    return 2;
  } finally {
    await ds.destroy();
  }
}

export function describe(s: ImportSummary): string {
  const lines = [
    `${s.type} from ${s.file} (${s.format}, ${s.encoding}): ${s.rows.toLocaleString()} rows — ${s.created.toLocaleString()} created, ${s.updated.toLocaleString()} updated, ${s.unchanged.toLocaleString()} unchanged, ${s.rejected.toLocaleString()} refused (${s.seconds.toFixed(1)} s)`,
    s.committed
      ? s.rejected
        ? 'stored the good rows (--partial); the refused ones were not'
        : 'stored'
      : s.dryRun
        ? 'dry run: nothing stored'
        : 'nothing stored: the file is all or nothing (fix the refused rows, or keep the good ones with --partial)',
  ];
  if (s.unknownColumns.length) lines.push(`unknown columns, not imported: ${s.unknownColumns.join(', ')}`);
  if (s.readOnlyColumns.length) lines.push(`read-only columns, left as they are: ${s.readOnlyColumns.join(', ')}`);
  if (s.unnamedColumns.length)
    lines.push(`columns with cells but no header, not imported: ${s.unnamedColumns.join(', ')}`);
  if (s.reportPath) lines.push(`report: ${s.reportPath}`);
  for (const r of s.rejections.slice(0, 20)) lines.push(`  line ${r.line}, ${r.column}: ${r.reason}`);
  if (s.rejected > 20) lines.push(`  … (every refused row is in the report)`);
  return `${lines.join('\n')}\n`;
}

if (require.main === module) {
  importCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(`import failed: ${err instanceof Error ? err.message : err}\n`);
      process.exit(2);
    },
  );
}
