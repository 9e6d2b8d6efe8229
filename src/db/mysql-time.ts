const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A DATETIME(3) literal in UTC, the time zone of every MySQL connection (data-source.ts): for values sent as text. */
export const mysqlDateTime = (d: Date): string =>
  `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
  `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
