import { type EntityManager, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { touched } from './timestamps';
import { badInput, conflict, notFound } from '../common/errors';

const stale = (typeName: string, globalId: string, version: number) =>
  conflict(
    `${typeName} ${globalId} was changed by someone else (your version ${version} is stale): read it again and retry.`,
  );

/**
 * UPDATE … WHERE id = ? AND version = ?: the version check happens in the database, so two
 * writers that read the same version cannot both win (TypeORM's save() does not check it).
 * `version + 1` is added by TypeORM's update builder, updated_at by touched().
 */
export async function updateVersioned<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  typeName: string,
  globalId: string,
  id: number,
  version: number,
  changes: Partial<T>,
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
  throw stale(typeName, globalId, version);
}

/**
 * The one rule for updates that change nothing. Returns the entries of `changes` whose value
 * differs from `current`, or null when none does: then nothing may be written (no version
 * bump, no updated_at, no change event) and the caller answers `current` as it stands. A
 * stale version is refused either way, so an update's answer does not depend on its values.
 */
export function realChanges<T extends { version: number }>(
  current: T,
  changes: Partial<T>,
  version: number,
  typeName: string,
  globalId: string,
): Partial<T> | null {
  const old = current as Record<string, unknown>;
  const given = changes as Record<string, unknown>;
  const real: Record<string, unknown> = {};
  let count = 0;
  // A loop, not entries/filter/fromEntries: an import compares every row of a file.
  for (const k of Object.keys(given)) {
    if (sameValue(old[k], given[k])) continue;
    real[k] = given[k];
    count++;
  }
  if (count > 0) {
    assertDateOrder(typeName, { ...current, ...real }, real);
    return real as Partial<T>;
  }
  if (current.version !== version) throw stale(typeName, globalId, version);
  return null;
}

/**
 * Times of one record that may not come before another of it. Inputs check the pair when both
 * are given (NotBefore); an update may give one of them, so the record as it would be after
 * the update is checked here, naming the field the update gave.
 */
const DATE_ORDER: Record<string, [later: string, earlier: string][]> = {
  Trade: [['dueAt', 'occurredAt']],
  Complaint: [
    ['dueAt', 'receivedAt'],
    ['resolvedAt', 'receivedAt'],
  ],
  Visit: [
    ['nextFollowUpAt', 'plannedAt'],
    ['nextFollowUpAt', 'occurredAt'],
  ],
};

function assertDateOrder(typeName: string, next: object, given: object): void {
  const row = next as Record<string, unknown>;
  for (const [later, earlier] of DATE_ORDER[typeName] ?? []) {
    // Only a pair the update touches: a stored pair out of order is not this update's doing.
    if (!(later in given) && !(earlier in given)) continue;
    const [a, b] = [row[later], row[earlier]];
    if (!(a instanceof Date) || !(b instanceof Date) || a.getTime() >= b.getTime()) continue;
    const field = later in given ? later : earlier;
    throw badInput(field, later in given ? `must not be before ${earlier}` : `must not be after ${later}`);
  }
}

/** Values as entities hold them: money as fixed-scale strings, dates as Date, days as 'YYYY-MM-DD'. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date)
    return a != null && b != null && new Date(a as Date).getTime() === new Date(b as Date).getTime();
  return a === b;
}

/** Drops keys whose value is undefined, so "field not given" never overwrites a column. */
export function definedOnly<T extends object>(input: T): Partial<T> {
  const given = input as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(given)) if (given[k] !== undefined) out[k] = given[k];
  return out as Partial<T>;
}
