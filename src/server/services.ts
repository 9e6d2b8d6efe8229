import crypto from 'node:crypto';
import { ReadAuditService } from '../audit/read-audit.service';
import { PartnerKeyService } from '../partners/partner-key.service';
import { type DataSource } from 'typeorm';
import { CustomerService } from '../customers/customer.service';
import { ArchiveApprovalService } from '../customers/customer-approval.service';
import { CustomerRenameService } from '../customers/customer-rename.service';
import { CustomerVerificationService } from '../customers/customer-verification.service';
import { UserService } from '../users/user.service';
import { TradeService } from '../trades/trade.service';
import { ContactService } from '../contacts/contact.service';
import { ComplaintService } from '../complaints/complaint.service';
import { VisitService } from '../visits/visit.service';
import { AccessGrantService } from '../grants/access-grant.service';
import { ChangeFeedService } from '../changes/change-feed.service';
import { WebhookService } from '../webhooks/webhook.service';
import { HandoverService } from '../handover/handover.service';
import { DuplicatesService } from '../duplicates/duplicates.service';
import { MergeService } from '../duplicates/merge.service';
import { HistoryService } from '../history/history.service';
import { RetentionService } from '../retention/retention.service';
import { localBus } from '../changes/delivery/change-bus';
import { ChangeRelay } from '../changes/relay';
import { credentialHolds } from '../auth/credential';
import type { Viewer } from '../auth/jwt';
import { CreditOverrideService } from '../credit/credit-override.service';
import { CreditLimitService } from '../credit/credit-limit.service';
import { CreditReviewService } from '../credit/credit-review.service';
import { type BusinessRules, type Clock, DEFAULT_RULES, systemClock } from '../config/rules';
import { ClassificationService } from '../classification/classification.service';
import { CadenceService } from '../cadence/cadence.service';
import { SurveyService } from '../care/survey.service';
import { CareRemindersService } from '../care/care-reminders.service';
import { StatsService } from '../stats/stats.service';
import { ImportService } from '../import/import.service';
import { ExportLinks } from '../export/export-link';
import { ExportRecordService } from '../export/export-record.service';

export interface ServiceOptions {
  /** The archive-number coding rule (config ARCHIVE_NO_PATTERN). */
  archiveNoPattern?: string;
  /** Days after which an archive neither verified nor updated is stale (config STALE_ARCHIVE_DAYS). */
  staleArchiveDays?: number;
  /** Years an ended archive is kept before it may be destroyed (config ARCHIVE_RETENTION_YEARS). */
  retentionYears?: number;
  /** The regulations' configurable rules (credit control, classification, cadence, complaint service levels, surveys). */
  rules?: BusinessRules;
  /** "Now" for the business time rules; tests pass their own to move time. */
  clock?: Clock;
  /** The clock open connections' credentials are checked by (tests expire tokens without waiting), and webhook retries. */
  now?: () => number;
  /** The folder importFile reads from (config IMPORT_DIR). */
  importDir?: string;
  /** The id key (ID_SECRET) export download links are signed with; a random one when not given (links then work on this process only). */
  linkSecret?: string;
  /** WEBHOOK_ALLOW_PRIVATE: webhooks may call loopback and private addresses. */
  webhookPrivateTargets?: boolean;
}

/** One instance of each service per process; per-request state lives in the Context. */
export function createServices(ds: DataSource, options: ServiceOptions = {}) {
  const customers = new CustomerService(ds, options.archiveNoPattern);
  const users = new UserService(ds);
  const contacts = new ContactService(ds, customers);
  const partnerKeys = new PartnerKeyService(ds);
  const rules = options.rules ?? DEFAULT_RULES;
  const clock = options.clock ?? systemClock;
  const now = options.now ?? Date.now;
  const changeFeed = new ChangeFeedService(ds);
  return {
    ds,
    clock,
    users,
    customers,
    approvals: new ArchiveApprovalService(ds, customers, rules),
    renames: new CustomerRenameService(ds, customers),
    verification: new CustomerVerificationService(ds, customers, options.staleArchiveDays ?? 90),
    trades: new TradeService(ds, customers, rules, clock),
    creditOverrides: new CreditOverrideService(ds, customers, rules, clock),
    creditLimits: new CreditLimitService(ds, customers, clock),
    creditReviews: new CreditReviewService(ds, customers, rules, clock),
    contacts,
    complaints: new ComplaintService(ds, customers, contacts, rules, clock),
    visits: new VisitService(ds, customers, contacts, rules),
    classification: new ClassificationService(ds, customers, rules, clock),
    cadence: new CadenceService(customers, clock),
    surveys: new SurveyService(ds, customers, contacts, rules, clock),
    careReminders: new CareRemindersService(ds, customers, contacts, clock),
    grants: new AccessGrantService(ds, customers),
    partnerKeys,
    handovers: new HandoverService(ds, users),
    duplicates: new DuplicatesService(ds, customers),
    merges: new MergeService(ds, customers, rules),
    history: new HistoryService(ds),
    retention: new RetentionService(ds, customers, options.retentionYears ?? 5, clock),
    readAudits: new ReadAuditService(ds),
    stats: new StatsService(ds),
    exportRecords: new ExportRecordService(ds),
    exportLinks: new ExportLinks(options.linkSecret ?? crypto.randomBytes(32).toString('hex'), now),
    imports: new ImportService(ds, {
      archiveNoPattern: options.archiveNoPattern,
      rules,
      clock,
      importDir: options.importDir,
      ownSqliteConnection: true,
    }),
    changeFeed,
    webhooks: new WebhookService(ds, changeFeed, { allowPrivate: options.webhookPrivateTargets ?? false, now }),
    /** Started by startApp; subscriptions listen on its bus. */
    relay: new ChangeRelay(ds, localBus()),
    /** Asked again by running subscriptions: an expired token or a revoked key ends them. */
    credentialHolds: (viewer: Viewer) =>
      credentialHolds(
        viewer,
        (id) => partnerKeys.isActive(id),
        now(),
        (id) => users.hasLeft(id),
      ),
  };
}
export type Services = ReturnType<typeof createServices>;

declare module '../auth/context' {
  // The Context's `services` are the ones built here.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Services extends ReturnType<typeof createServices> {}
}
