import { badInputs, complaintStepRefused, type FieldProblem } from '../common/errors';
import type { BusinessRules } from '../config/rules';
import type { Complaint } from './complaint.entity';
import { ComplaintStatus as S, type Severity } from './complaint.enums';

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

export type ComplaintRules = Pick<BusinessRules, 'complaintDueHours' | 'complaintReopenDays'>;

/**
 * 投诉处理: OPEN → IN_PROGRESS → RESOLVED → CLOSED, one step at a time, and back to
 * IN_PROGRESS (reopening) from RESOLVED or CLOSED within complaintReopenDays of the
 * resolution. Everything here is checked against the row as read; the versioned UPDATE
 * then only succeeds if the row is still that version.
 */
const NEXT: Record<S, readonly S[]> = {
  [S.OPEN]: [S.IN_PROGRESS],
  [S.IN_PROGRESS]: [S.RESOLVED],
  [S.RESOLVED]: [S.CLOSED, S.IN_PROGRESS],
  [S.CLOSED]: [S.IN_PROGRESS],
};

export const isOpen = (status: S) => status === S.OPEN || status === S.IN_PROGRESS;
const isDone = (status: S) => status === S.RESOLVED || status === S.CLOSED;
export const isReopening = (from: S, to: S) => isDone(from) && to === S.IN_PROGRESS;

/** The latest due time a complaint of `severity` may have (its service level, COMPLAINT_DUE_HOURS), counted from `from`. */
export const serviceDue = (from: Date, severity: Severity, rules: ComplaintRules) =>
  new Date(from.getTime() + rules.complaintDueHours[severity] * HOUR_MS);

/** Throws COMPLAINT_STEP_REFUSED unless `from → to` is a step of the lifecycle (and a reopening is in time). */
export function assertStep(
  current: Pick<Complaint, 'status' | 'resolvedAt'>,
  to: S,
  now: Date,
  rules: ComplaintRules,
): void {
  const from = current.status;
  if (from === to) return;
  if (!NEXT[from].includes(to)) {
    throw complaintStepRefused(
      `a ${from} complaint goes to ${NEXT[from].join(' or ')}, not ${to}: no step is skipped or undone`,
    );
  }
  if (!isReopening(from, to)) return;
  const resolvedAt = current.resolvedAt ? new Date(current.resolvedAt) : null;
  if (resolvedAt && now.getTime() - resolvedAt.getTime() > rules.complaintReopenDays * DAY_MS) {
    throw complaintStepRefused(
      `it was resolved on ${resolvedAt.toISOString()}, more than ${rules.complaintReopenDays} days ago: record a new complaint instead of reopening it`,
    );
  }
}

/**
 * What a status demands of the complaint as it will be: resolving takes the result and the
 * measures (处理结果和措施), closing takes the customer's satisfaction with the handling.
 */
export function assertComplete(next: Pick<Complaint, 'status' | 'resolution' | 'measures' | 'satisfaction'>): void {
  const problems: FieldProblem[] = [];
  const blank = (v: string | null | undefined) => !v || !v.trim();
  if (isDone(next.status)) {
    if (blank(next.resolution))
      problems.push({ field: 'resolution', message: `a ${next.status} complaint needs its resolution (处理结果)` });
    if (blank(next.measures))
      problems.push({ field: 'measures', message: `a ${next.status} complaint needs its measures (措施)` });
  }
  if (next.status === S.CLOSED && next.satisfaction == null) {
    problems.push({
      field: 'satisfaction',
      message: "a CLOSED complaint needs the customer's satisfaction with the handling (1 to 5)",
    });
  }
  if (problems.length) throw badInputs(problems);
}
