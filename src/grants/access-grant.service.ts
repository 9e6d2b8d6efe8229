import { type DataSource, type EntityManager, type Repository, type SelectQueryBuilder } from 'typeorm';
import type { Viewer } from '../auth/jwt';
import { assertAnyRole } from '../auth/guard';
import { GRANT_DECIDERS, GRANT_READERS } from '../auth/policy';
import { type Page, type PageArgs } from '../common/connection';
import { badInput, conflict, forbidden, notFound } from '../common/errors';
import { expectId, idOrNull } from '../common/global-id';
import { byKey } from '../common/loaders';
import { paginate, type SortSpec } from '../common/paging';
import { updateVersioned } from '../db/versioned-update';
import type { CustomerService } from '../customers/customer.service';
import { dialectOf } from '../db/data-source';
import { writeTransaction } from '../db/transaction';
import { User } from '../users/user.entity';
import { AccessGrant, GrantStatus } from './access-grant.entity';
import { trimmedReason } from '../common/validators';
import {
  type AccessGrantFilter,
  type DecideAccessArgs,
  type EndAccessArgs,
  MAX_GRANT_DAYS,
  MAX_OPEN_REQUESTS,
  type RequestAccessInput,
} from './access-grant.inputs';

const NEWEST_FIRST: SortSpec = { key: { property: 'createdAt', kind: 'date' }, direction: 'DESC' };
const DAY_MS = 24 * 60 * 60 * 1000;

/** The lifecycle: which status each decision may start from. */
const DECISIONS = {
  approve: { from: GrantStatus.REQUESTED, to: GrantStatus.APPROVED },
  reject: { from: GrantStatus.REQUESTED, to: GrantStatus.REJECTED },
  revoke: { from: GrantStatus.APPROVED, to: GrantStatus.REVOKED },
} as const;
type Decision = keyof typeof DECISIONS;

/** A grant shows its archive while it is approved and has not ended. */
export const isActive = (grant: AccessGrant, now = new Date()) =>
  grant.status === GrantStatus.APPROVED && grant.endsAt.getTime() > now.getTime();

const stale = (globalId: string, version: number) =>
  conflict(
    `AccessGrant ${globalId} was changed by someone else (your version ${version} is stale): read it again and retry.`,
  );

const numericUser = (viewer: Viewer): number => {
  if (viewer.userId === null)
    throw badInput('userId', 'only an employee (a token whose subject is a user id) may request access');
  return viewer.userId;
};

/**
 * Access grants (借阅). A request names an archive number only and is stored as given, so
 * asking reveals nothing about the archive; a manager's approval resolves the number and
 * from then on the row scope (auth/row-scope.ts) shows that archive to that user
 * while the grant is APPROVED and unexpired.
 */
export class AccessGrantService {
  private readonly repo: Repository<AccessGrant>;
  constructor(
    private readonly ds: DataSource,
    private readonly customers: CustomerService,
  ) {
    this.repo = ds.getRepository(AccessGrant);
  }

  /** Grants the caller may read: its own, or all of them for deciders and archive_admin. */
  scoped(viewer: Viewer, alias = 'g'): SelectQueryBuilder<AccessGrant> {
    const qb = this.repo.createQueryBuilder(alias);
    if (!viewer.roles.some((role) => GRANT_READERS.includes(role))) {
      if (viewer.userId === null) qb.andWhere('1 = 0');
      else qb.andWhere(`${alias}.userId = :grantViewer`, { grantViewer: viewer.userId });
    }
    return qb;
  }

  /** myAccessGrants: the caller's own requests, newest first. */
  mine(viewer: Viewer, page: PageArgs): Promise<Page<AccessGrant>> {
    const qb = this.repo.createQueryBuilder('g');
    if (viewer.userId === null) qb.andWhere('1 = 0');
    else qb.andWhere('g.userId = :userId', { userId: viewer.userId });
    return paginate(qb, 'g', NEWEST_FIRST, page);
  }

  /** accessGrants: everyone's requests, for the roles that decide or keep them. */
  list(viewer: Viewer, page: PageArgs, filter?: AccessGrantFilter): Promise<Page<AccessGrant>> {
    assertAnyRole(viewer, GRANT_READERS, 'list access grants');
    const qb = this.scoped(viewer);
    if (filter?.status?.length) qb.andWhere('g.status IN (:...status)', { status: filter.status });
    if (filter?.userId) qb.andWhere('g.userId = :userId', { userId: expectId(filter.userId, 'User', 'filter.userId') });
    return paginate(qb, 'g', NEWEST_FIRST, page);
  }

  async byIds(viewer: Viewer, ids: readonly number[]): Promise<(AccessGrant | null)[]> {
    const rows = await this.scoped(viewer)
      .andWhere('g.id IN (:...ids)', { ids: [...ids] })
      .getMany();
    return byKey(ids, rows, (g) => g.id);
  }

  async get(viewer: Viewer, globalId: string): Promise<AccessGrant | null> {
    const id = idOrNull(globalId, 'AccessGrant');
    return id ? (await this.byIds(viewer, [id]))[0] : null;
  }

  /**
   * Stores a request exactly as asked: no lookup of the archive happens here, so the answer
   * (and its timing) is the same for a visible, a hidden and a nonexistent number.
   */
  async request(viewer: Viewer, input: RequestAccessInput, now = new Date()): Promise<AccessGrant> {
    const userId = numericUser(viewer);
    const reason = trimmedReason(input.reason);
    const archiveNo = input.archiveNo.trim();
    if (!archiveNo) throw badInput('archiveNo', 'must not be blank');
    const endsAt = input.endsAt;
    if (endsAt.getTime() <= now.getTime()) throw badInput('endsAt', 'must be in the future');
    if (endsAt.getTime() > now.getTime() + MAX_GRANT_DAYS * DAY_MS) {
      throw badInput('endsAt', `must be at most ${MAX_GRANT_DAYS} days from now`);
    }
    const id = await writeTransaction(this.ds, async (em) => {
      await this.lockRequester(em, userId);
      const open = await em.getRepository(AccessGrant).countBy({ userId, status: GrantStatus.REQUESTED });
      if (open >= MAX_OPEN_REQUESTS) {
        throw conflict(
          `You already have ${MAX_OPEN_REQUESTS} open access requests: wait for a decision before asking again.`,
        );
      }
      const inserted = await em.getRepository(AccessGrant).insert({
        userId,
        archiveNo,
        customerId: null,
        reason,
        endsAt,
        status: GrantStatus.REQUESTED,
      });
      return inserted.identifiers[0].id as number;
    });
    return this.repo.findOneByOrFail({ id });
  }

  /**
   * Makes concurrent requests of one user take turns, so the open-request cap holds: on MySQL
   * by locking the employee row (SQLite transactions already run one at a time).
   */
  private async lockRequester(em: EntityManager, userId: number): Promise<void> {
    if (dialectOf(this.ds) !== 'mysql') return;
    await em
      .getRepository(User)
      .createQueryBuilder('u')
      .select('u.id')
      .where('u.id = :userId', { userId })
      .setLock('pessimistic_write')
      .getRawMany();
  }

  approve(viewer: Viewer, args: DecideAccessArgs): Promise<AccessGrant> {
    return this.decide(viewer, 'approve', args);
  }

  reject(viewer: Viewer, args: EndAccessArgs): Promise<AccessGrant> {
    return this.decide(viewer, 'reject', args, args.note);
  }

  revoke(viewer: Viewer, args: EndAccessArgs): Promise<AccessGrant> {
    return this.decide(viewer, 'revoke', args, args.note);
  }

  private async decide(
    viewer: Viewer,
    decision: Decision,
    args: DecideAccessArgs,
    note?: string,
  ): Promise<AccessGrant> {
    assertAnyRole(viewer, GRANT_DECIDERS, `${decision} access grants`);
    const id = expectId(args.id, 'AccessGrant', 'id');
    const [grant] = await this.byIds(viewer, [id]);
    if (!grant) throw notFound('AccessGrant', args.id);
    if (grant.version !== args.version) throw stale(args.id, args.version);
    const { from, to } = DECISIONS[decision];
    const changes: Partial<AccessGrant> = { status: to, decidedById: viewer.userId, decidedAt: new Date() };
    if (decision === 'approve') {
      if (grant.userId === viewer.userId) throw forbidden('approve your own access request');
    } else {
      const trimmed = note?.trim() ?? '';
      if (!trimmed) throw badInput('note', 'must say why');
      changes.decisionNote = trimmed;
    }
    // Checked against the row as read: the versioned UPDATE below only succeeds if the row is
    // still that version, so a status that passed here is the status that is changed.
    if (grant.status !== from) throw badInput('status', `a ${grant.status} request cannot be ${to.toLowerCase()}`);
    if (decision === 'approve') {
      if (grant.endsAt.getTime() <= Date.now())
        throw badInput('endsAt', 'the requested period has already ended; ask the requester to request again');
      const customer = await this.customers
        .scoped(viewer)
        .andWhere('c.archiveNo = :archiveNo', { archiveNo: grant.archiveNo })
        .getOne();
      if (!customer) throw notFound('Archive', grant.archiveNo);
      changes.customerId = customer.id;
    }
    await writeTransaction(this.ds, (em) =>
      updateVersioned(em, AccessGrant, 'AccessGrant', args.id, id, args.version, changes),
    );
    return this.repo.findOneByOrFail({ id });
  }
}
