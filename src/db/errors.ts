/**
 * Recognizes a unique-key violation on MySQL/MariaDB (ER_DUP_ENTRY) and SQLite
 * (SQLITE_CONSTRAINT_UNIQUE) and tells which of the given named keys it hit.
 */
export function uniqueViolation(err: unknown, keys: Record<string, string>): string | null {
  const e = err as { code?: string; message?: string; driverError?: { code?: string; message?: string } };
  const code = e?.driverError?.code ?? e?.code;
  if (code !== 'ER_DUP_ENTRY' && code !== 'SQLITE_CONSTRAINT_UNIQUE') return null;
  const message = `${e?.driverError?.message ?? ''} ${e?.message ?? ''}`;
  for (const [needle, field] of Object.entries(keys)) if (message.includes(needle)) return field;
  return 'unknown';
}
