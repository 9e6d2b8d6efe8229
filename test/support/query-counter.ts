import type { Logger, QueryRunner } from 'typeorm';

/** The change relay and the webhook dispatcher poll in the background: no request's statement. */
const BACKGROUND = /^\s*\/\* change-relay \*\//;
const TRANSACTION_CONTROL =
  /^\s*(BEGIN|START TRANSACTION|COMMIT|ROLLBACK|SAVEPOINT|RELEASE SAVEPOINT|SET TRANSACTION)\b/i;

/**
 * A TypeORM logger that counts the SQL statements a DataSource sends.
 *
 * `count` / `queries` hold data statements only: transaction control (BEGIN, START
 * TRANSACTION, COMMIT, ROLLBACK, SAVEPOINT …) is left out, because it does not grow with
 * the data a request reads. `all` keeps every statement, transaction control included.
 * The change relay's background polls are not counted at all.
 * Failed statements are counted too (TypeORM logs them through logQuery before running them).
 *
 *   const counter = new CountingLogger();
 *   const server = await startTestServer('mysql', { logger: counter });
 *   counter.reset();
 *   await server.gql(query, vars, { role: 'sales_manager' });
 *   expect(counter.count).toBeLessThanOrEqual(4);
 */
export class CountingLogger implements Logger {
  /** Data statements (no transaction control), in order. */
  queries: string[] = [];
  /** Every statement, in order. */
  all: string[] = [];
  /** The parameters of each of `queries`, at the same index (to EXPLAIN a statement as it ran). */
  parameters: unknown[][] = [];
  errors: string[] = [];

  get count(): number {
    return this.queries.length;
  }

  reset(): void {
    this.queries = [];
    this.all = [];
    this.parameters = [];
    this.errors = [];
  }

  logQuery(query: string, parameters?: unknown[] | object, _queryRunner?: QueryRunner): void {
    if (BACKGROUND.test(query)) return;
    this.all.push(query);
    if (TRANSACTION_CONTROL.test(query)) return;
    this.queries.push(query);
    this.parameters.push(Array.isArray(parameters) ? parameters : []);
  }

  logQueryError(error: string | Error, query: string): void {
    this.errors.push(`${typeof error === 'string' ? error : error.message} -- ${query}`);
  }

  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
