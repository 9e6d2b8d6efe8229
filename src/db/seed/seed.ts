import { DataSource } from 'typeorm';
/** Placeholder until the demo generator lands. */
export async function seedIfEmpty(_ds: DataSource, _progress: (msg: string) => void): Promise<number> {
  return 0;
}
