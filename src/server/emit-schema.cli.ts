import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { printSchema, lexicographicSortSchema } from 'graphql';
import { createSchema } from './schema';

export const SCHEMA_FILE = path.resolve(__dirname, '../../../schema/schema.graphql');

/** The SDL as committed in schema/schema.graphql (sorted, so diffs show real changes only). */
export async function emittedSdl(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await createSchema()))}\n`;
}

if (require.main === module) {
  void emittedSdl().then((sdl) => {
    const file = process.argv[2] ?? path.resolve(process.cwd(), 'schema/schema.graphql');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, sdl);
    process.stdout.write(`wrote ${file}\n`);
  });
}
