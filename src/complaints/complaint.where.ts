import { defineWhere } from '../auth/where/where';
import { Complaint } from './complaint.entity';
import { ComplaintCategory, ComplaintChannel, ComplaintStatus, Severity } from './complaint.enums';

export const ComplaintWhere = defineWhere({
  type: 'Complaint',
  entity: Complaint,
  fields: {
    receivedAt: { property: 'receivedAt', kind: 'datetime' },
    channel: { property: 'channel', kind: 'enum', enum: { type: ComplaintChannel, name: 'ComplaintChannel' } },
    category: { property: 'category', kind: 'enum', enum: { type: ComplaintCategory, name: 'ComplaintCategory' } },
    severity: { property: 'severity', kind: 'enum', enum: { type: Severity, name: 'Severity' } },
    status: { property: 'status', kind: 'enum', enum: { type: ComplaintStatus, name: 'ComplaintStatus' } },
    handler: { property: 'handlerId', kind: 'id', idType: 'User' },
    contact: { property: 'contactId', kind: 'id', idType: 'Contact' },
    dueAt: { property: 'dueAt', kind: 'datetime' },
    resolvedAt: { property: 'resolvedAt', kind: 'datetime' },
    satisfaction: { property: 'satisfaction', kind: 'int' },
    escalatedAt: { property: 'escalatedAt', kind: 'datetime' },
    createdAt: { property: 'createdAt', kind: 'datetime' },
    updatedAt: { property: 'updatedAt', kind: 'datetime' },
  },
  relations: { customer: { type: 'Customer', cardinality: 'one', foreignKey: 'customerId' } },
});
