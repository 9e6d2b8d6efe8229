import type { DataSource, ObjectLiteral } from 'typeorm';
import { wrapParameterEscaping } from '../common/library-internals';

/**
 * TypeORM's SQLite drivers write number parameters into the statement text (`id = 42`),
 * so every id and every cursor gives a new statement. Its cache of prepared statements
 * (100 texts, first in first out) then never hits: each write prepared its SELECT, UPDATE
 * and outbox INSERT again, and the feed's per-batch queries pushed the rest out.
 * Here whole numbers are bound instead, as BigInt: better-sqlite3 binds those as INTEGER,
 * the same type the literal had, so comparisons and results do not change, only the text
 * stays the same from call to call. Other values go through TypeORM's rules unchanged.
 */
export function bindIntegersAsParameters(ds: DataSource): void {
  wrapParameterEscaping(ds, (escape) => (sql, parameters, ...rest) => {
    if (!parameters) return escape(sql, parameters, ...rest);
    const bound: ObjectLiteral = {};
    for (const [name, value] of Object.entries(parameters))
      bound[name] = Number.isSafeInteger(value) ? BigInt(value) : value;
    return escape(sql, bound, ...rest);
  });
}
