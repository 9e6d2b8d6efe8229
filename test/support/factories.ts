import type { DataSource } from 'typeorm';
import { Customer } from '../../src/customers/customer.entity';
import { AbcClass, ArchiveStatus, CustomerKind, Region } from '../../src/customers/customer.enums';
import { User } from '../../src/users/user.entity';
import { RoleName } from '../../src/auth/roles';
import { parseGlobalId, toGlobalId } from '../../src/common/global-id';
import { nameKey } from '../../src/customers/name-key';
import { dayKey } from '../../src/care/day-key';
import { refreshNameGrams } from '../../src/customers/name-grams';
import { writeTransaction } from '../../src/db/transaction';

let seq = 0;
const next = () => `${process.pid}${++seq}`;

/** Test data straight into the real database; each test builds what it needs. */
export async function makeUser(
  ds: DataSource,
  role: RoleName = RoleName.SALES_REP,
  over: Partial<User> = {},
): Promise<User> {
  return ds
    .getRepository(User)
    .save(
      ds.getRepository(User).create({ name: `员工${next()}`, department: '销售一部', role, active: true, ...over }),
    );
}

/**
 * An archive straight into the table: ACTIVE unless given, holding its credit code as an
 * approved archive does, with its search index rows as every writer of names keeps them.
 */
export async function makeCustomer(ds: DataSource, over: Partial<Customer> = {}): Promise<Customer> {
  const n = next();
  const repo = ds.getRepository(Customer);
  const status = over.status ?? ArchiveStatus.ACTIVE;
  const approved = status !== ArchiveStatus.PENDING_APPROVAL && status !== ArchiveStatus.REJECTED;
  const saved = await repo.save(
    repo.create({
      archiveNo: `TEST${n}`.slice(0, 32),
      name: `测试客户${n}有限公司`,
      kind: CustomerKind.ENTERPRISE,
      region: Region.EAST,
      status,
      abcClass: AbcClass.B,
      creditLimit: '100000.00',
      outstandingBalance: '0.00',
      tradeTotal: '0.00',
      creditCodeKey: approved ? (over.creditCode ?? null) : null,
      ...over,
      // A balance given without trades is what the customer owed before them: the ledger's opening balance.
      openingBalance: over.openingBalance ?? over.outstandingBalance ?? '0.00',
      nameKey: over.nameKey ?? nameKey(over.name ?? `测试客户${n}有限公司`),
      // As every write path keeps it (customers/kept-keys.ts): an import of the archive finds nothing to change.
      foundedKey: over.foundedKey ?? dayKey(over.foundedOn),
    }),
  );
  // Through the API's own transaction queue: on SQLite a second transaction beside it would interleave.
  await writeTransaction(ds, (em) => refreshNameGrams(em, [{ id: saved.id, before: [] }]));
  return saved;
}

/** The id the server answers with: sealed with this process's id key, which startTestServer sets (TEST_ID_SECRET). */
export const gid = (type: string, id: number) => toGlobalId(type, id);
/** The row id behind a global id the API answered with (for reading the row straight from the database). */
export const rowId = (globalId: string): number => parseGlobalId(globalId)!.id;

// ── contacts, complaints, visits and trades (added for the contacts/complaints/visits/batching tests) ──
import { Contact } from '../../src/contacts/contact.entity';
import { Complaint } from '../../src/complaints/complaint.entity';
import { ComplaintCategory, ComplaintChannel } from '../../src/complaints/complaint.enums';
import { Visit } from '../../src/visits/visit.entity';
import { VisitKind } from '../../src/visits/visit.enums';
import { Trade } from '../../src/trades/trade.entity';
import { PaymentMethod, TradeKind } from '../../src/trades/trade.enums';

/** A contact of `customerId`, written straight to the table. */
export async function makeContact(ds: DataSource, customerId: number, over: Partial<Contact> = {}): Promise<Contact> {
  const repo = ds.getRepository(Contact);
  return repo.save(repo.create({ name: `联系人${next()}`, customerId, ...over }));
}

/** A complaint of `customerId` (OPEN, received now unless given). */
export async function makeComplaint(
  ds: DataSource,
  customerId: number,
  over: Partial<Complaint> = {},
): Promise<Complaint> {
  const repo = ds.getRepository(Complaint);
  return repo.save(
    repo.create({
      customerId,
      receivedAt: new Date(),
      channel: ComplaintChannel.PHONE,
      category: ComplaintCategory.QUALITY,
      content: `投诉${next()}`,
      ...over,
    }),
  );
}

/** A visit of `customerId` by employee `userId` (planned now unless given). */
export async function makeVisit(
  ds: DataSource,
  customerId: number,
  userId: number,
  over: Partial<Visit> = {},
): Promise<Visit> {
  const repo = ds.getRepository(Visit);
  return repo.save(
    repo.create({
      customerId,
      userId,
      kind: VisitKind.VISIT,
      plannedAt: new Date(),
      subject: `拜访${next()}`,
      ...over,
    }),
  );
}

/**
 * A trade row of `customerId`, straight into the table: no balance or statistics bookkeeping
 * and no ACTIVE-archive check (use createTrade through the API for those).
 */
export async function makeTrade(ds: DataSource, customerId: number, over: Partial<Trade> = {}): Promise<Trade> {
  const repo = ds.getRepository(Trade);
  return repo.save(
    repo.create({
      tradeNo: `X${next()}`.slice(0, 32),
      customerId,
      kind: TradeKind.ORDER,
      occurredAt: new Date(),
      amount: '100.00',
      paymentMethod: PaymentMethod.CASH,
      ...over,
    }),
  );
}

import { Survey } from '../../src/care/survey.entity';

/** A survey of `customerId` (answered now, overall 3, its customer's latest unless given). */
export async function makeSurvey(ds: DataSource, customerId: number, over: Partial<Survey> = {}): Promise<Survey> {
  const repo = ds.getRepository(Survey);
  return repo.save(
    repo.create({
      customerId,
      surveyedAt: new Date(),
      scoresJson: '[{"question":"OVERALL","score":3}]',
      lowestScore: 3,
      latest: true,
      comments: `意见${next()}`,
      ...over,
    }),
  );
}
