import {
  type DataSource,
  type EntityManager,
  type ObjectLiteral,
  type Repository,
  type SelectQueryBuilder,
} from 'typeorm';
import type { Viewer } from '../auth/jwt';
import { assertAnyRole, assertMayWriteOneOf, readsCredit, type WriteRight } from '../auth/guard';
import { CREDIT_DECIDERS, CREDIT_REQUEST_KINDS } from '../auth/policy';
import { ChangeOperationName as Op } from '../outbox/change-event.entity';
import { type Change, recordChanges } from '../outbox/record-change';
import type { Page, PageArgs } from '../common/connection';
import { badInput, conflict, forbidden, notFound } from '../common/errors';
import { expectId, idOrNull } from '../common/global-id';
import { paginate, type SortSpec } from '../common/paging';
import { updateVersioned } from '../db/versioned-update';
import type { Clock } from '../config/rules';
import { assertApproved } from '../customers/archive-status';
import type { Customer } from '../customers/customer.entity';
import { scopeByCustomer, scopeVariant } from '../auth/row-scope';
import type { CustomerService } from '../customers/customer.service';
import { rowsByIds } from '../common/reuse-sql';
import { trimmedReason } from '../common/validators';
import { writeTransaction } from '../db/transaction';
import type { CreditRequest } from './credit-request.entity';

/** Newest first: the queue a general manager works through, and a requester's own list. */
const NEWEST_FIRST: SortSpec = { key: { property: 'createdAt', kind: 'date' }, direction: 'DESC' };

/**
 * Row scope of credit requests: those of visible customers, and of those only the caller's
 * own unless it reads credit fields (a request is credit data of the archive: it tells that
 * the customer needs more credit than it has).
 */
function scopeCreditRequests<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  viewer: Viewer,
): SelectQueryBuilder<T> {
  scopeByCustomer(qb, alias, viewer);
  if (readsCredit(viewer)) return qb;
  if (viewer.userId === null) return qb.andWhere('1 = 0');
  return qb.andWhere(`${alias}.requestedById = :requester`, { requester: viewer.userId });
}

/** What the conditions of scopeCreditRequests depend on, values aside (common/reuse-sql.ts). */
const variant = (viewer: Viewer) =>
  `${scopeVariant(viewer)}:${readsCredit(viewer) ? 'all' : viewer.userId === null ? 'none' : 'own'}`;

export interface DecideArgs {
  id: string;
  version: number;
}

export interface RequestFilter {
  customerId?: string;
  status?: string[];
}

type Request = CreditRequest & { status: string };

/**
 * What every kind of credit request does the same way (资信度调整申请, 超出资信度发货申请): who may
 * ask (whoever records orders or payments for the customer, a rep for its own), who reads
 * them, and a general manager's decision, never on one's own request. Every step is stored
 * with its change events; the subclasses say what an approval does.
 */
export abstract class CreditRequestService<T extends Request> {
  protected readonly repo: Repository<T>;
  constructor(
    protected readonly ds: DataSource,
    protected readonly customers: CustomerService,
    protected readonly clock: Clock,
    private readonly entity: { new (): T; name: string },
  ) {
    this.repo = ds.getRepository(entity);
  }

  private get type(): string {
    return this.entity.name;
  }

  scoped(viewer: Viewer, alias = 'r'): SelectQueryBuilder<T> {
    return scopeCreditRequests(this.repo.createQueryBuilder(alias), alias, viewer);
  }

  list(viewer: Viewer, page: PageArgs, filter?: RequestFilter): Promise<Page<T>> {
    const qb = this.scoped(viewer);
    if (filter?.customerId)
      qb.andWhere('r.customerId = :customerId', {
        customerId: expectId(filter.customerId, 'Customer', 'filter.customerId'),
      });
    if (filter?.status?.length) qb.andWhere('r.status IN (:...status)', { status: filter.status });
    return paginate(qb, 'r', NEWEST_FIRST, page);
  }

  byIds(viewer: Viewer, ids: readonly number[]): Promise<(T | null)[]> {
    return rowsByIds(this.scoped(viewer), ids, variant(viewer));
  }

  async get(viewer: Viewer, globalId: string): Promise<T | null> {
    const id = idOrNull(globalId, this.type);
    return id ? (await this.byIds(viewer, [id]))[0] : null;
  }

  /** Stores a request of the caller about an ACTIVE customer its Trade write rule reaches. */
  protected async create(
    viewer: Viewer,
    customerId: string,
    values: (customer: Customer, requestedById: number) => Partial<T>,
  ): Promise<T> {
    const right: WriteRight = assertMayWriteOneOf(
      viewer,
      'Trade',
      'create',
      CREDIT_REQUEST_KINDS,
      `request a ${this.type}`,
    );
    if (viewer.userId === null)
      throw forbidden(`request a ${this.type} without an employee identity (your token's subject is not a user id)`);
    const customer = await this.customers.writable(right, customerId);
    assertApproved(customer);
    const row = values(customer, viewer.userId);
    return writeTransaction(this.ds, async (em) => {
      const inserted = await em.getRepository(this.entity).insert(row as never);
      const id = inserted.identifiers[0].id as number;
      const [request] = await recordChanges(em, viewer, [
        { type: this.type as Change['type'], id, customerId: customer.id, operation: Op.CREATED },
      ]);
      return request as T;
    });
  }

  async reject(viewer: Viewer, args: DecideArgs & { note: string }): Promise<T> {
    const request = await this.decidable(viewer, args, 'reject');
    const note = trimmedReason(args.note, 'note');
    return this.decide(viewer, args, request, {
      status: 'REJECTED',
      decidedById: viewer.userId,
      decidedAt: this.clock(),
      decisionNote: note,
    } as Partial<T>);
  }

  /**
   * The request a general manager's decision is about, with every rule checked against the
   * row as read (the versioned UPDATE then only succeeds if the row is still that version).
   */
  protected async decidable(viewer: Viewer, args: DecideArgs, verb: 'approve' | 'reject'): Promise<T> {
    const what = `${verb} a ${this.type}`;
    assertAnyRole(viewer, CREDIT_DECIDERS, what);
    if (viewer.userId === null)
      throw forbidden(`${what} without an employee identity (your token's subject is not a user id)`);
    const [request] = await this.byIds(viewer, [expectId(args.id, this.type, 'id')]);
    if (!request) throw notFound(this.type, args.id);
    if (request.requestedById === viewer.userId) throw forbidden(`${what} that is your own request (审批须由他人)`);
    if (request.version !== args.version) {
      throw conflict(
        `${this.type} ${args.id} was changed by someone else (your version ${args.version} is stale): read it again and retry.`,
      );
    }
    if (request.status !== 'REQUESTED')
      throw badInput('status', `only a REQUESTED request can be decided; this one is ${request.status}`);
    return request;
  }

  /**
   * Writes the decision (`changes`, or what they are read as in the transaction); `also` does
   * what the decision does beyond the request and returns those changes.
   */
  protected decide(
    viewer: Viewer,
    args: DecideArgs,
    request: T,
    decision: Partial<T> | ((em: EntityManager) => Promise<Partial<T>>),
    also?: (em: EntityManager) => Promise<Change[]>,
  ): Promise<T> {
    return writeTransaction(this.ds, async (em) => {
      const changes = typeof decision === 'function' ? await decision(em) : decision;
      await updateVersioned(em, this.entity, this.type, args.id, request.id, args.version, changes);
      const more = also ? await also(em) : [];
      const [decided] = await recordChanges(em, viewer, [
        {
          type: this.type as Change['type'],
          id: request.id,
          customerId: request.customerId,
          operation: Op.UPDATED,
          changedFields: Object.keys(changes),
          before: request,
        },
        ...more,
      ]);
      return decided as T;
    });
  }
}
