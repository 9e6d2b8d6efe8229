/**
 * The configurable business rules of the regulations (资信度管理, 投诉处理), with the values
 * they have when nothing is configured. config.ts reads them from the environment; services
 * take them whole, so a test can run a rule with other numbers without touching process.env.
 */
export const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'] as const;
export type SeverityHours = Record<(typeof SEVERITIES)[number], number>;

export interface BusinessRules {
  /** Days an approved credit override stays usable (CREDIT_OVERRIDE_DAYS). */
  creditOverrideDays: number;
  /** Months after which a customer's credit review is due again (CREDIT_REVIEW_MONTHS, 季度考核). */
  creditReviewMonths: number;
  /** Months after approval in which credit orders are refused (NEW_CUSTOMER_CASH_MONTHS; 0: none). */
  newCustomerCashMonths: number;
  /** Sample orders up to this amount skip the credit checks (CREDIT_CHECK_EXEMPT_MAX). */
  creditCheckExemptMax: string;
  /** Hours to resolve a complaint, by severity (COMPLAINT_DUE_HOURS). */
  complaintDueHours: SeverityHours;
  /** Days after its resolution in which a complaint may be reopened (COMPLAINT_REOPEN_DAYS). */
  complaintReopenDays: number;
}

export const DEFAULT_RULES: BusinessRules = {
  creditOverrideDays: 7,
  creditReviewMonths: 3,
  newCustomerCashMonths: 1,
  creditCheckExemptMax: '10000.00',
  complaintDueHours: { CRITICAL: 8, HIGH: 24, MEDIUM: 72, LOW: 168 },
  complaintReopenDays: 30,
};

/** "Now" for the time rules: injected, so tests move time instead of waiting for it. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

/** `months` calendar months after `from` (UTC), as the regulations count a month or a quarter. */
export function addMonths(from: Date, months: number): Date {
  const out = new Date(from.getTime());
  out.setUTCMonth(out.getUTCMonth() + months);
  return out;
}
