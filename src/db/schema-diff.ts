import { type DataSource } from 'typeorm';

/** SQL TypeORM would run to make the database match the entities; empty when migrations are complete. */
export async function pendingSchemaSql(ds: DataSource) {
  const sql = await ds.driver.createSchemaBuilder().log();
  return { up: sql.upQueries.map((q) => q.query), down: sql.downQueries.map((q) => q.query).reverse() };
}
