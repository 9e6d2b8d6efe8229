import type { EntityTarget, ObjectLiteral } from 'typeorm';
import type { RecordType } from '../auth/policy';
import { Complaint } from '../complaints/complaint.entity';
import { Contact } from '../contacts/contact.entity';
import { Customer } from '../customers/customer.entity';
import { Trade } from '../trades/trade.entity';
import { Visit } from '../visits/visit.entity';
import { CreditOverride } from '../credit/credit-override.entity';
import { CreditLimitRaise } from '../credit/credit-limit-raise.entity';
import { Survey } from '../care/survey.entity';

/**
 * Credit requests are in the change feed too, but only for roles that read credit fields: that
 * a customer needs more credit than it has is credit data of the archive (change-feed.service.ts).
 */
export const CREDIT_RECORD_TYPES = ['CreditOverride', 'CreditLimitRaise'] as const;

/** What a change event can be about: the records of the write policy, and credit requests. */
export type FeedRecordType = RecordType | (typeof CREDIT_RECORD_TYPES)[number];

/** The entity behind each record type an event can be about. */
export const RECORD_ENTITIES: Record<FeedRecordType, EntityTarget<ObjectLiteral>> = {
  Customer, Contact, Trade, Complaint, Visit, CreditOverride, CreditLimitRaise, Survey,
};
