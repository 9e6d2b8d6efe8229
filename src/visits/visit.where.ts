import { defineWhere } from '../auth/where/where';
import { Visit } from './visit.entity';
import { VisitKind } from './visit.enums';

export const VisitWhere = defineWhere({
  type: 'Visit',
  entity: Visit,
  fields: {
    kind: { property: 'kind', kind: 'enum', enum: { type: VisitKind, name: 'VisitKind' } },
    plannedAt: { property: 'plannedAt', kind: 'datetime' },
    occurredAt: { property: 'occurredAt', kind: 'datetime' },
    nextFollowUpAt: { property: 'nextFollowUpAt', kind: 'datetime' },
    subject: { property: 'subject', kind: 'string' },
    user: { property: 'userId', kind: 'id', idType: 'User' },
    contact: { property: 'contactId', kind: 'id', idType: 'Contact' },
    createdAt: { property: 'createdAt', kind: 'datetime' },
    updatedAt: { property: 'updatedAt', kind: 'datetime' },
  },
  relations: { customer: { type: 'Customer', cardinality: 'one', foreignKey: 'customerId' } },
});
