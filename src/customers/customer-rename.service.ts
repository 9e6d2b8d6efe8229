import { type DataSource, In } from 'typeorm';
import type { Caller } from '../auth/caller';
import type { Viewer } from '../auth/jwt';
import { assertMayWrite, touches } from '../auth/guard';
import { badInput } from '../common/errors';
import { updateVersioned } from '../db/versioned-update';
import { writeTransaction } from '../db/transaction';
import { recordChange } from '../outbox/record-change';
import { ChangeOperationName as Op } from '../outbox/change-event.entity';
import type { Customer } from './customer.entity';
import { Customer as CustomerEntity } from './customer.entity';
import type { CustomerService } from './customer.service';
import type { RenameCustomerArgs } from './customer-rename.inputs';
import { FormerName } from './former-name.entity';
import { nameKey } from './name-key';
import { refreshNameGrams, searchedTexts } from './name-grams';

const DAY_MS = 24 * 60 * 60 * 1000;
/** A rename is recorded when the documents are in: at most this far ahead of its effective day. */
const MAX_DAYS_AHEAD = 90;

/**
 * 更名 (DOMAIN rule 7: a rename keeps the old name and its document). The old name goes to
 * the archive's former names, stays searchable, and the change is one event.
 */
export class CustomerRenameService {
  constructor(
    private readonly ds: DataSource,
    private readonly customers: CustomerService,
  ) {}

  async rename(viewer: Viewer, args: RenameCustomerArgs, now = new Date()): Promise<Customer> {
    // A rename changes the name: the profile group, like any name change of a draft.
    const right = assertMayWrite(viewer, 'Customer', 'update', touches('Customer', { name: args.newName }));
    const current = await this.customers.writable(right, args.id, 'id');
    const newName = args.newName.trim();
    if (!newName) throw badInput('newName', 'must not be blank');
    if (newName === current.name) throw badInput('newName', 'is the current name already');
    const documentRef = args.documentRef.trim();
    if (!documentRef) throw badInput('documentRef', 'must name the supporting document (更名通知, 营业执照 …)');
    const effective = Date.parse(`${args.effectiveOn}T00:00:00Z`);
    if (effective > now.getTime() + MAX_DAYS_AHEAD * DAY_MS)
      throw badInput('effectiveOn', `must be at most ${MAX_DAYS_AHEAD} days ahead`);
    const until = new Date(effective - DAY_MS).toISOString().slice(0, 10);
    return writeTransaction(this.ds, async (em) => {
      await updateVersioned(em, CustomerEntity, 'Customer', args.id, current.id, args.version, {
        name: newName,
        nameKey: nameKey(newName),
      });
      await em.getRepository(FormerName).insert({
        customerId: current.id,
        name: current.name,
        until,
        documentRef,
        renamedById: viewer.userId,
        recordedAt: new Date(),
      });
      // The old name is a former name now: among the texts after, so only the archive's own are before.
      await refreshNameGrams(em, [{ id: current.id, before: searchedTexts(current) }]);
      return recordChange<Customer>(em, viewer, {
        type: 'Customer',
        id: current.id,
        customerId: current.id,
        operation: Op.UPDATED,
        changedFields: ['name'],
        before: current,
        note: `更名 effective ${args.effectiveOn}: ${documentRef}`,
      });
    });
  }

  /** Customer.nameHistory for a page of archives in one statement, newest rename first. */
  history(caller: Caller, customerId: number): Promise<FormerName[]> {
    return caller.loaders
      .get<number, FormerName[]>('formerNames', async (ids) => {
        const rows = await this.ds
          .getRepository(FormerName)
          .find({ where: { customerId: In([...ids]) }, order: { id: 'DESC' } });
        return ids.map((id) => rows.filter((r) => r.customerId === id));
      })
      .load(customerId);
  }
}
