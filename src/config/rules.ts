/**
 * The configurable business rules of the regulations (资信度管理, ABC分类, 回访, 投诉处理, 满意度), with the values
 * they have when nothing is configured. config.ts reads them from the environment; services
 * take them whole, so a test can run a rule with other numbers without touching process.env.
 */
export const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'] as const;
export type SeverityHours = Record<(typeof SEVERITIES)[number], number>;
export const CLASSES = ['A', 'B', 'C'] as const;
export type PerClass = Record<(typeof CLASSES)[number], number>;

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
  /** Percent of ranked customers in class A and in class B; the rest are C (ABC_SHARES, A top 20 %, B next 40 %). */
  abcShares: { A: number; B: number };
  /** Days between phone calls a customer of each class is owed (CALL_EVERY_DAYS, 回访). */
  callEveryDays: PerClass;
  /** Months between visits a customer of each class is owed (VISIT_EVERY_MONTHS). */
  visitEveryMonths: PerClass;
  /** Months after which a customer is due for a satisfaction survey again (SURVEY_EVERY_MONTHS, 每年至少一次). */
  surveyEveryMonths: number;
}

export const DEFAULT_RULES: BusinessRules = {
  creditOverrideDays: 7,
  creditReviewMonths: 3,
  newCustomerCashMonths: 1,
  creditCheckExemptMax: '10000.00',
  complaintDueHours: { CRITICAL: 8, HIGH: 24, MEDIUM: 72, LOW: 168 },
  complaintReopenDays: 30,
  abcShares: { A: 20, B: 40 },
  callEveryDays: { A: 7, B: 7, C: 14 },
  visitEveryMonths: { A: 2, B: 3, C: 4 },
  surveyEveryMonths: 12,
};

/** "Now" for the time rules: injected, so tests move time instead of waiting for it. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

/** `days` whole days after `from`. */
export const addDays = (from: Date, days: number): Date => new Date(from.getTime() + days * 86_400_000);

/** `months` calendar months after `from` (UTC), as the regulations count a month or a quarter. */
export function addMonths(from: Date, months: number): Date {
  const out = new Date(from.getTime());
  out.setUTCMonth(out.getUTCMonth() + months);
  return out;
}
