import { type DataSource, In } from 'typeorm';
import type { Viewer } from './jwt';
import { POLICY } from './policy';
import type { AuditWriter } from './audit-writer';
import { type ReadKind } from './read-kind';

/**
 * The columns of an access grant (grants/access-grant.entity.ts) a read is recorded under. Found
 * by entity name, as the row scope finds them by table name: grants are policy data auth reads,
 * kept by a feature above it.
 */
interface RunningGrant {
  id: number;
  userId: number;
  customerId: number;
  status: string;
  endsAt: Date;
}

interface Noted {
  customerId: number;
  archiveNo: string;
  kind: ReadKind;
  fields: Set<string>;
  /** False while `fields` is another recorder's set, taken over as it was (copied before any change). */
  owned: boolean;
}

/** The sorted field list of a set, kept per set: a shared event's set is listed once, not once per viewer. */
const listed = new WeakMap<Set<string>, string>();
const fieldList = (fields: Set<string>) => {
  let list = listed.get(fields);
  if (list === undefined) listed.set(fields, (list = [...fields].sort().join(',').slice(0, 500)));
  return list;
};

/**
 * Collects a request's confidential reads (A-class archives and what belongs to them,
 * credit fields) as fields resolve, and writes them as one INSERT when the response is ready: one row per
 * archive and kind, however many fields or paths touched it.
 */
export class ReadRecorder {
  private readonly noted = new Map<string, Noted>();

  /** A read of `field` (`Trade.amount` for a field of a record under the archive) of archive `customerId`. */
  note(customerId: number, archiveNo: string, kind: ReadKind, field: string): void {
    const key = `${customerId}:${kind}`;
    let entry = this.noted.get(key);
    if (!entry) this.noted.set(key, (entry = { customerId, archiveNo, kind, fields: new Set(), owned: true }));
    if (entry.fields.has(field)) return;
    if (!entry.owned) entry = this.own(key, entry);
    entry.fields.add(field);
  }

  /**
   * Takes over what another recorder noted (an answer computed once and shared by several
   * viewers). Its field sets are taken as they are, not copied field by field: with a
   * thousand viewers of one event that copying was most of what auditing them cost here.
   * The other recorder must not change afterwards (a shared answer's does not).
   */
  absorb(other: ReadRecorder): void {
    for (const [key, theirs] of other.noted) {
      let mine = this.noted.get(key);
      if (!mine) {
        this.noted.set(key, { ...theirs, owned: false });
        continue;
      }
      if (mine.fields === theirs.fields) continue;
      for (const field of theirs.fields) {
        if (mine.fields.has(field)) continue;
        if (!mine.owned) mine = this.own(key, mine);
        mine.fields.add(field);
      }
    }
  }

  private own(key: string, entry: Noted): Noted {
    const copy = { ...entry, fields: new Set(entry.fields), owned: true };
    this.noted.set(key, copy);
    return copy;
  }

  get size(): number {
    return this.noted.size;
  }

  async flush(ds: DataSource, writer: AuditWriter, viewer: Viewer, requestId: string): Promise<void> {
    if (this.noted.size === 0) return;
    const entries = [...this.noted.values()];
    this.noted.clear();
    // Only borrowers read A-class archives under a grant; everyone else's reads name none.
    const borrows =
      viewer.roles.some((r) => POLICY[r].classAWithGrant) && !viewer.roles.some((r) => POLICY[r].seesClassA);
    const grants =
      viewer.userId && borrows
        ? await ds
            .getRepository<RunningGrant>('AccessGrant')
            .findBy({ userId: viewer.userId, status: 'APPROVED', customerId: In(entries.map((e) => e.customerId)) })
        : [];
    const now = Date.now();
    const grantOf = new Map(grants.filter((g) => g.endsAt.getTime() > now).map((g) => [g.customerId, g.id]));
    const rows = entries.map((e) => ({
      subject: viewer.subject.slice(0, 128),
      userId: viewer.userId,
      roles: viewer.roles.join(','),
      customerId: e.customerId,
      archiveNo: e.archiveNo,
      kind: e.kind,
      fields: fieldList(e.fields),
      grantId: grantOf.get(e.customerId) ?? null,
      requestId,
    }));
    await writer.write(rows);
  }
}
