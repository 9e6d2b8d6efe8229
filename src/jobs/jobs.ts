import type { DataSource } from 'typeorm';
import type { Config } from '../config/config';
import { systemClock } from '../config/rules';
import { ComplaintEscalationService } from '../complaints/complaint-escalation.service';

/**
 * Jobs for schedulers (cron, a Kubernetes CronJob …): `npm run jobs -- <name>`. Each one
 * computes from the data what is due and does it, so running it late, twice or never
 * breaks nothing; the API process itself runs no timers for them. Add a job here.
 */
export const JOBS: Record<string, { what: string; run: (ds: DataSource, config: Config, now?: () => Date) => Promise<string> }> = {
  'escalate-complaints': {
    what: "escalate complaints past their due time to their handler's manager",
    run: async (ds, _config, now = systemClock) => {
      const { escalated, noManager } = await new ComplaintEscalationService(ds, now).escalateOverdue();
      return `escalated ${escalated} overdue complaint(s)${noManager ? `; ${noManager} have no active manager to escalate to` : ''}`;
    },
  },
};

export const jobUsage = () =>
  `usage: npm run jobs -- <job>\n${Object.entries(JOBS).map(([name, job]) => `  ${name.padEnd(22)} ${job.what}`).join('\n')}\n`;
