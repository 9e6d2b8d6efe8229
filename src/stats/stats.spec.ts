/**
 * What each record type can be totalled by, as data: the statements (stats.service.ts), the
 * schema's enums (stats.types.ts) and the read checks all come from here. Every dimension,
 * date and measure names the API field it reads (`reads`): a role that may not read that
 * field may not group, bucket, total or sort by it.
 */
export interface Dimension {
  /** Field of the group in the answer (`region`, `owner`). */
  key: string;
  /** Column, of the record (`row`) or of its customer (`customer`). */
  on: 'row' | 'customer';
  column: string;
  reads: [type: string, field: string];
}

export interface Measure {
  key: string;
  column: string;
  money: boolean;
  reads: [type: string, field: string];
}

export interface StatsSpec {
  type: 'Customer' | 'Trade' | 'Complaint' | 'Visit';
  /** The alias of the record in its service's queries. */
  alias: string;
  dimensions: Record<string, Dimension>;
  /** Date fields a period can bucket: enum value → column. */
  dates: Record<string, { column: string; reads: [string, string] }>;
  measures: Measure[];
}

const customerDim = (key: string, column: string, on: 'row' | 'customer' = 'customer'): Dimension => ({
  key,
  on,
  column,
  reads: ['Customer', key],
});
/** Dimensions every record that belongs to a customer takes from its customer. */
const OF_CUSTOMER = {
  REGION: customerDim('region', 'region'),
  PROVINCE: customerDim('province', 'province'),
  INDUSTRY: customerDim('industry', 'industry'),
  ABC_CLASS: customerDim('abcClass', 'abc_class'),
  NATURE: customerDim('nature', 'nature'),
  OWNER: customerDim('owner', 'owner_id'),
};
const own = (type: string, key: string, column: string): Dimension => ({ key, on: 'row', column, reads: [type, key] });
const date = (type: string, field: string, column: string) => ({ column, reads: [type, field] as [string, string] });
const measure = (type: string, key: string, column: string, money: boolean): Measure => ({
  key,
  column,
  money,
  reads: [type, key],
});

export const CUSTOMER_STATS: StatsSpec = {
  type: 'Customer',
  alias: 'c',
  dimensions: {
    ...Object.fromEntries(Object.entries(OF_CUSTOMER).map(([name, d]) => [name, { ...d, on: 'row' }])),
    KIND: customerDim('kind', 'kind', 'row'),
    STATUS: customerDim('status', 'status', 'row'),
    CATEGORY: customerDim('category', 'category', 'row'),
    SOURCE: customerDim('source', 'source', 'row'),
    SCALE: customerDim('scale', 'scale', 'row'),
    STAR_RATING: customerDim('starRating', 'star_rating', 'row'),
    CREDIT_LEVEL: customerDim('creditLevel', 'credit_level', 'row'),
    PAYMENT_TERMS: customerDim('paymentTerms', 'payment_terms', 'row'),
  },
  dates: {
    CREATED_AT: date('Customer', 'createdAt', 'created_at'),
    APPROVED_AT: date('Customer', 'approvedAt', 'approved_at'),
    FIRST_TRADE_AT: date('Customer', 'firstTradeAt', 'first_trade_at'),
    LAST_TRADE_AT: date('Customer', 'lastTradeAt', 'last_trade_at'),
  },
  measures: [
    measure('Customer', 'tradeTotal', 'trade_total', true),
    measure('Customer', 'tradeCount', 'trade_count', false),
    measure('Customer', 'starRating', 'star_rating', false),
    measure('Customer', 'employeeCount', 'employee_count', false),
    measure('Customer', 'registeredCapital', 'registered_capital', true),
    measure('Customer', 'creditLimit', 'credit_limit', true),
    measure('Customer', 'outstandingBalance', 'outstanding_balance', true),
  ],
};

export const TRADE_STATS: StatsSpec = {
  type: 'Trade',
  alias: 't',
  dimensions: {
    KIND: own('Trade', 'kind', 'kind'),
    PAYMENT_STATUS: own('Trade', 'paymentStatus', 'payment_status'),
    PAYMENT_METHOD: own('Trade', 'paymentMethod', 'payment_method'),
    HANDLER: own('Trade', 'handler', 'handler_id'),
    CUSTOMER: own('Trade', 'customer', 'customer_id'),
    ...OF_CUSTOMER,
  },
  dates: {
    OCCURRED_AT: date('Trade', 'occurredAt', 'occurred_at'),
    DUE_AT: date('Trade', 'dueAt', 'due_at'),
    CREATED_AT: date('Trade', 'createdAt', 'created_at'),
  },
  measures: [measure('Trade', 'amount', 'amount', true), measure('Trade', 'quantity', 'quantity', false)],
};

export const COMPLAINT_STATS: StatsSpec = {
  type: 'Complaint',
  alias: 'p',
  dimensions: {
    CATEGORY: own('Complaint', 'category', 'category'),
    SEVERITY: own('Complaint', 'severity', 'severity'),
    STATUS: own('Complaint', 'status', 'status'),
    CHANNEL: own('Complaint', 'channel', 'channel'),
    HANDLER: own('Complaint', 'handler', 'handler_id'),
    CUSTOMER: own('Complaint', 'customer', 'customer_id'),
    ...OF_CUSTOMER,
  },
  dates: {
    RECEIVED_AT: date('Complaint', 'receivedAt', 'received_at'),
    RESOLVED_AT: date('Complaint', 'resolvedAt', 'resolved_at'),
    DUE_AT: date('Complaint', 'dueAt', 'due_at'),
    CREATED_AT: date('Complaint', 'createdAt', 'created_at'),
  },
  measures: [measure('Complaint', 'satisfaction', 'satisfaction', false)],
};

export const VISIT_STATS: StatsSpec = {
  type: 'Visit',
  alias: 'v',
  dimensions: {
    KIND: own('Visit', 'kind', 'kind'),
    USER: own('Visit', 'user', 'user_id'),
    CUSTOMER: own('Visit', 'customer', 'customer_id'),
    ...OF_CUSTOMER,
  },
  dates: {
    PLANNED_AT: date('Visit', 'plannedAt', 'planned_at'),
    OCCURRED_AT: date('Visit', 'occurredAt', 'occurred_at'),
    NEXT_FOLLOW_UP_AT: date('Visit', 'nextFollowUpAt', 'next_follow_up_at'),
    CREATED_AT: date('Visit', 'createdAt', 'created_at'),
  },
  measures: [],
};

/** Sort keys of a spec: COUNT, KEY (the group's own values), and SUM_/AVG_/MIN_/MAX_ of each measure. */
export const FUNCTIONS = ['SUM', 'AVG', 'MIN', 'MAX'] as const;
const snake = (key: string) => key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
export function sortKeys(spec: StatsSpec): Record<string, string> {
  const keys: Record<string, string> = { COUNT: 'COUNT', KEY: 'KEY' };
  for (const m of spec.measures) for (const fn of FUNCTIONS) keys[`${fn}_${snake(m.key)}`] = `${fn}_${snake(m.key)}`;
  return keys;
}
