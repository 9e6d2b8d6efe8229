import { registerEnumType } from 'type-graphql';

export enum ComplaintChannel {
  PHONE = 'PHONE',
  EMAIL = 'EMAIL',
  WECHAT = 'WECHAT',
  VISIT = 'VISIT',
  WEBSITE = 'WEBSITE',
  LETTER = 'LETTER',
  OTHER = 'OTHER',
}
export enum ComplaintCategory {
  QUALITY = 'QUALITY',
  SERVICE = 'SERVICE',
  DELIVERY = 'DELIVERY',
  BILLING = 'BILLING',
  OTHER = 'OTHER',
}
export enum Severity {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
  CRITICAL = 'CRITICAL',
}
/** Declared in lifecycle order (complaint-lifecycle.ts): one step at a time, reopening back to IN_PROGRESS. */
export enum ComplaintStatus {
  OPEN = 'OPEN',
  IN_PROGRESS = 'IN_PROGRESS',
  RESOLVED = 'RESOLVED',
  CLOSED = 'CLOSED',
}

registerEnumType(ComplaintChannel, { name: 'ComplaintChannel', description: 'How the complaint reached us' });
registerEnumType(ComplaintCategory, {
  name: 'ComplaintCategory',
  description: '投诉类别: quality, service, delivery, billing',
});
registerEnumType(Severity, { name: 'Severity' });
registerEnumType(ComplaintStatus, {
  name: 'ComplaintStatus',
  description:
    'OPEN → IN_PROGRESS → RESOLVED (needs resolution and measures) → CLOSED (needs satisfaction), one step at a time; ' +
    'RESOLVED or CLOSED → IN_PROGRESS reopens it within COMPLAINT_REOPEN_DAYS of the resolution',
});
