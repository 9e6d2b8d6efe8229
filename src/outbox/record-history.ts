import type { ObjectLiteral } from 'typeorm';
import type { Viewer } from '../auth/jwt';
import type { ChangeHistory, StoredFieldChange } from './change-history.entity';

/** What the history needs of a change (record-change.ts's Change carries it). */
export interface Changed {
  type: string;
  id: number;
  customerId: number;
  operation: string;
  /** Property names; empty for a creation (every field it set). */
  changedFields?: readonly string[];
  /** The row as the writer read it before the change; absent for a creation. */
  before?: ObjectLiteral;
  note?: string;
}

/** Columns that are bookkeeping, not a change anyone made: never kept in the history. */
const BOOKKEEPING = new Set(['id', 'version', 'createdAt', 'updatedAt', 'nameKey', 'creditCodeKey', 'tradeSeq']);

const stored = (value: unknown) => (value instanceof Date ? value.toISOString() : (value ?? null));

/**
 * The history rows of `changes`, stored in the writer's transaction by recordChanges, one
 * per change: each changed field with its value before (from `change.before`, the row as
 * the writer read it) and after (`after`, the row as the change left it). A creation keeps
 * every field it set, without old values (`"o":null` was a sixth of an imported archive's
 * history row; readers take a missing one as null).
 */
export function historyRows(
  viewer: Viewer,
  changes: readonly Changed[],
  after: readonly ObjectLiteral[],
  at: Date,
): Partial<ChangeHistory>[] {
  return changes.flatMap((change, i) => {
    const diff = fieldChanges(change, after[i]);
    if (diff.length === 0) return [];
    return [
      {
        recordType: change.type,
        recordId: change.id,
        customerId: change.customerId,
        operation: change.operation,
        actorSubject: viewer.subject.slice(0, 200),
        actorUserId: viewer.userId,
        occurredAt: at,
        note: change.note?.slice(0, 500) ?? null,
        changes: JSON.stringify(diff),
      },
    ];
  });
}

function fieldChanges({ changedFields, before }: Changed, after: ObjectLiteral): StoredFieldChange[] {
  const entry = (f: string): StoredFieldChange =>
    before ? { f, o: stored(before[f]), n: stored(after[f]) } : { f, n: stored(after[f]) };
  if (changedFields?.length) return changedFields.filter((f) => !BOOKKEEPING.has(f)).map(entry);
  // Every column that holds a value. for…in, not Object.keys: an archive has 87 columns, and
  // an import a million archives (the key array per row took a third of this function's time).
  const diff: StoredFieldChange[] = [];
  for (const f in after) if (after[f] !== null && after[f] !== undefined && !BOOKKEEPING.has(f)) diff.push(entry(f));
  return diff;
}
