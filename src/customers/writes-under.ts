import type { RecordType } from '../auth/policy';
import { assertMayWrite, touches, type WriteRight } from '../auth/guard';
import type { Viewer } from '../auth/jwt';
import type { ScopedRows } from '../auth/scoped-rows';
import { notFound } from '../common/errors';
import { expectId } from '../common/global-id';
import type { Customer } from './customer.entity';
import type { CustomerService } from './customer.service';

/**
 * The preamble every write of a record under a customer shares, in this order: the caller's
 * roles may write the fields given (FORBIDDEN otherwise, before any lookup); then the record
 * and its customer are visible to the caller and the right allows writing under that customer
 * (NOT_FOUND otherwise, as if missing, so someone else's record looks like none). Employees an
 * input names are checked after, by namedEmployee (users/named-employee.ts).
 */
export class WritesUnder<T extends { id: number; customerId: number }> {
  constructor(
    private readonly type: RecordType,
    private readonly rows: ScopedRows<T>,
    private readonly customers: CustomerService,
  ) {}

  /** A new record: the right, and the customer its input names. */
  async create(
    viewer: Viewer,
    input: { customerId: string },
    kinds?: readonly string[],
  ): Promise<{ right: WriteRight; customer: Customer }> {
    const right = assertMayWrite(viewer, this.type, 'create', touches(this.type, input, kinds));
    return { right, customer: await this.customers.writable(right, input.customerId) };
  }

  /** A change of a record: the right, the record as the caller sees it, and its customer. */
  async update(viewer: Viewer, input: { id: string }): Promise<{ right: WriteRight; current: T; customer: Customer }> {
    const right = assertMayWrite(viewer, this.type, 'update', touches(this.type, input));
    const [current] = await this.rows.byIds(viewer, [expectId(input.id, this.type, 'id')]);
    if (!current) throw notFound(this.type, input.id);
    return { right, current, customer: await this.customerOf(right, current, input.id) };
  }

  /** The customer of a record the caller sees, if the right may write under it; NOT_FOUND naming the record otherwise. */
  async customerOf(right: WriteRight, current: T, globalId: string): Promise<Customer> {
    const customer = await this.customers.writableUnder(right, current.customerId);
    if (!customer) throw notFound(this.type, globalId);
    return customer;
  }
}
