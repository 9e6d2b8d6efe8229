import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { rawColumnKey } from './library-internals';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/**
 * Hot reads (list pages, nested pages, loaders) turn rows into entities here rather than with
 * TypeORM's getMany(). Its general transformer (joins, relation ids, embeddeds, grouping rows
 * by primary key) was the largest single cost of a list request in issue 17's profile; these
 * reads have none of that, so each selected column is converted by the driver, with the
 * column's transformer, straight onto an instance of the entity class. A builder with joins
 * goes through getMany() as before.
 */
export async function entitiesOf<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>): Promise<T[]> {
  const { expressionMap } = qb;
  const metadata = expressionMap.mainAlias!.metadata;
  if (expressionMap.joinAttributes.length > 0 || metadata.embeddeds.length > 0) return qb.getMany();
  const columns = selectedColumns(qb);
  const driver = qb.connection.driver;
  const keys = columns.map((c) => rawColumnKey(qb.connection, qb.alias, c.databaseName));
  const raws: Record<string, unknown>[] = await qb.getRawMany();
  return raws.map((raw) => {
    const entity = metadata.create() as T;
    for (let i = 0; i < columns.length; i++) {
      const value = raw[keys[i]];
      if (value !== undefined)
        (entity as Record<string, unknown>)[columns[i].propertyName] = driver.prepareHydratedValue(value, columns[i]);
    }
    return entity;
  });
}

/** Columns the builder selects: all of the entity's when it selects the alias itself, else the ones it names. */
function selectedColumns(qb: SelectQueryBuilder<ObjectLiteral>): ColumnMetadata[] {
  const metadata = qb.expressionMap.mainAlias!.metadata;
  const selections = new Set(qb.expressionMap.selects.map((s) => s.selection));
  const readable = metadata.columns.filter((c) => !c.isVirtual);
  if (selections.has(qb.alias)) return readable;
  return readable.filter((c) => selections.has(`${qb.alias}.${c.propertyPath}`));
}

/**
 * Narrows a builder to the properties a request reads, when it is known (`properties` null:
 * every column). The caller names what its rules and paging need besides (id, scope and sort
 * columns); a property that is not a column of the entity widens it back to every column.
 */
export function selectOnly<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  properties: Iterable<string> | null,
): SelectQueryBuilder<T> {
  if (!properties) return qb;
  const metadata = qb.expressionMap.mainAlias!.metadata;
  const wanted = [...new Set(properties)];
  if (!wanted.every((p) => metadata.findColumnWithPropertyName(p))) return qb;
  return qb.select(wanted.map((p) => `${qb.alias}.${p}`));
}
