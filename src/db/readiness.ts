import fs from 'node:fs/promises';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { dialectOf } from './data-source';

/**
 * Least room an SQLite database needs to count as ready for writes: its WAL grows by up to
 * about 4 MiB (1,000 pages) before a checkpoint copies the pages into the file, which then
 * grows as well.
 */
const MIN_ROOM_BYTES = 8 * 1024 * 1024;
const MiB = 1024 * 1024;

/**
 * Why the database cannot store writes now, or null. On SQLite: less than MIN_ROOM_BYTES
 * left on its disk or under its size limit (max_page_count). Measured on every call, not
 * remembered from failed writes: an instance that is not ready gets no traffic, so it must
 * see for itself when space is back. MySQL looks after its own storage: null.
 */
export async function storageProblem(ds: DataSource): Promise<string | null> {
  if (dialectOf(ds) !== 'sqlite') return null;
  const pragma = async (name: string) => Number(Object.values(((await ds.query(`PRAGMA ${name}`)) as object[])[0])[0]);
  const pageSize = await pragma('page_size');
  let room =
    ((await pragma('max_page_count')) - (await pragma('page_count')) + (await pragma('freelist_count'))) * pageSize;
  const file = ds.options.database as string;
  if (file !== ':memory:') {
    const disk = await fs.statfs(path.dirname(file));
    // Root may also fill the blocks a file system keeps back for it.
    room = Math.min(room, (process.getuid?.() === 0 ? disk.bfree : disk.bavail) * disk.bsize);
  }
  return room < MIN_ROOM_BYTES
    ? `database storage full: ${(room / MiB).toFixed(1)} MiB left, writes cannot be stored`
    : null;
}
