import type { EntityTarget, ObjectLiteral } from 'typeorm';
import type { RecordType } from '../auth/policy';
import { Complaint } from '../complaints/complaint.entity';
import { Contact } from '../contacts/contact.entity';
import { Customer } from '../customers/customer.entity';
import { Trade } from '../trades/trade.entity';
import { Visit } from '../visits/visit.entity';

/** The entity behind each record type an event can be about. */
export const RECORD_ENTITIES: Record<RecordType, EntityTarget<ObjectLiteral>> = {
  Customer, Contact, Trade, Complaint, Visit,
};
