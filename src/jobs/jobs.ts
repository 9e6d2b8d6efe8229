import type { DataSource } from 'typeorm';
import type { Config } from '../config/config';
import { systemClock } from '../config/rules';
import { ComplaintEscalationService } from '../complaints/complaint-escalation.service';
import { ClassificationService } from '../classification/classification.service';
import { CustomerService } from '../customers/customer.service';
import { refreshAllDues } from '../cadence/refresh-all';

/**
 * Jobs for schedulers (cron, a Kubernetes CronJob …): `npm run jobs -- <name>`. Each one
 * computes from the data what is due and does it, so running it late, twice or never
 * breaks nothing; the API process itself runs no timers for them. Add a job here.
 */
export const JOBS: Record<
  string,
  { what: string; run: (ds: DataSource, config: Config, now?: () => Date) => Promise<string> }
> = {
  'escalate-complaints': {
    what: "escalate complaints past their due time to their handler's manager",
    run: async (ds, _config, now = systemClock) => {
      const { escalated, noManager } = await new ComplaintEscalationService(ds, now).escalateOverdue();
      return `escalated ${escalated} overdue complaint(s)${noManager ? `; ${noManager} have no active manager to escalate to` : ''}`;
    },
  },
  classify: {
    what: 'recompute the ABC classes from the last 12 months of trade value (ABC分类)',
    run: async (ds, config, now = systemClock) => {
      const run = await new ClassificationService(ds, new CustomerService(ds), config.rules, now).recompute(
        CLASSIFY_ACTOR,
      );
      return `ranked ${run.ranked} archive(s): ${run.changed} changed class; A ${run.classA}, B ${run.classB}, C ${run.classC} (${run.overridden} overridden)`;
    },
  },
  'refresh-due-dates': {
    what: "recompute every customer's call, visit, survey and purchase due dates (after changing CALL_EVERY_DAYS, VISIT_EVERY_MONTHS or SURVEY_EVERY_MONTHS)",
    run: async (ds, config) => `recomputed the due dates of ${await refreshAllDues(ds, config.rules)} customer(s)`,
  },
};

/** Who the classification job's changes are by, in the change feed and the history. */
export const CLASSIFY_ACTOR = { userId: null, subject: 'job:classify', roles: [], expiresAt: null };

export const jobUsage = () =>
  `usage: npm run jobs -- <job>\n${Object.entries(JOBS)
    .map(([name, job]) => `  ${name.padEnd(22)} ${job.what}`)
    .join('\n')}\n`;
