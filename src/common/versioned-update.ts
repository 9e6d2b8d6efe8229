import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { touched } from '../db/timestamps';
import { conflict, notFound } from './errors';

/**
 * UPDATE … WHERE id = ? AND version = ?: the version check happens in the database, so two
 * writers that read the same version cannot both win (TypeORM's save() does not check it).
 * `version + 1` is added by TypeORM's update builder, updated_at by touched().
 */
export async function updateVersioned<T extends ObjectLiteral>(
  em: EntityManager, target: EntityTarget<T>, typeName: string, globalId: string,
  id: number, version: number, changes: Partial<T>,
): Promise<void> {
  const result = await em
    .createQueryBuilder()
    .update(target)
    .set(touched(em, changes) as never)
    .where('id = :id AND version = :version', { id, version })
    .execute();
  if (result.affected) return;
  const exists = await em.getRepository(target).exists({ where: { id } as never });
  if (!exists) throw notFound(typeName, globalId);
  throw conflict(`${typeName} ${globalId} was changed by someone else (your version ${version} is stale): read it again and retry.`);
}

/** Drops keys whose value is undefined, so "field not given" never overwrites a column. */
export function definedOnly<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<T>;
}
