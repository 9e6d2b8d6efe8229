import {
  ARCHIVE_APPROVERS,
  CLASSIFIERS,
  CREDIT_DECIDERS,
  customerOwners,
  greeters,
  creditRequesters,
  creditReviewers,
  DESTRUCTION_APPROVERS,
  DESTRUCTION_PROPOSERS,
  FILE_IMPORTERS,
  GRANT_DECIDERS,
  EXPORT_RECORD_READERS,
  GRANT_READERS,
  OWNER_ASSIGNERS,
  PARTNER_KEY_ADMINS,
  POLICY,
  RELATIONSHIP_ENDERS,
  rolesThatWrite,
  WEBHOOK_MANAGERS,
} from './policy';
import { type Role, ROLES } from './roles';

/**
 * Field half of the access policy: every field of every object type the API exposes, by
 * how it may be read. Shield rules are generated from this table (src/auth/shield.ts) and
 * the matrix test walks the live schema against it: a field missing here is denied to
 * everyone and fails the test, so a new field cannot ship without a decision.
 */

/** How a contact's personal datum appears to a role that sees personal data masked. */
export type Mask = 'name' | 'phone' | 'email' | 'handle' | 'year' | 'show' | 'hide';

export interface TypeFields {
  /** Readable by every role that can see the row. */
  public: readonly string[];
  /** Credit fields: only roles with `readsCredit`. */
  credit?: readonly string[];
  /** Personal data of contacts: full, masked or hidden per the role's `personalData`. */
  personal?: Readonly<Record<string, Mask>>;
  /** Readable only by these roles. */
  restricted?: Readonly<Record<string, readonly Role[]>>;
}

const BASE = ['id', 'createdAt', 'updatedAt', 'version'];

export const CREDIT_FIELDS = [
  'creditLevel',
  'creditLimit',
  'creditTermDays',
  'paymentTerms',
  'outstandingBalance',
  'bankName',
  'bankAccount',
  'creditAssessment',
  'lastCreditReviewAt',
] as const;

const STATS = ['groups', 'hasMore', 'totalCount'];
const GROUP = ['period', 'count', 'sum', 'avg', 'min', 'max'];
/** What a group of records that belong to a customer takes from that customer. */
const OF_CUSTOMER = ['region', 'province', 'industry', 'abcClass', 'nature', 'owner'];

export const FIELDS: Record<string, TypeFields> = {
  Customer: {
    public: [
      ...BASE,
      'archiveNo',
      'name',
      'shortName',
      'creditCode',
      'kind',
      'nature',
      'industry',
      'region',
      'province',
      'city',
      'district',
      'address',
      'postcode',
      'phone',
      'fax',
      'email',
      'website',
      'legalRepresentative',
      'registeredCapital',
      'foundedOn',
      'mainShareholders',
      'businessScope',
      'mainBrands',
      'businessMode',
      'employeeCount',
      'scale',
      'yearsInBusiness',
      'industryPosition',
      'salesLastYear',
      'salesTwoYearsAgo',
      'salesThreeYearsAgo',
      'marketShare',
      'salesCapability',
      'growthPotential',
      'businessPhilosophy',
      'businessDirection',
      'source',
      'category',
      'status',
      'owner',
      'createdBy',
      'approvedAt',
      'approvedBy',
      'rejectionReason',
      'nameHistory',
      'verifiedAt',
      'verifiedBy',
      'mergedInto',
      'endedAt',
      'abcClass',
      'abcOverrideReason',
      'starRating',
      'contactPolicy',
      'purchaseCycleDays',
      'tradeCount',
      'tradeTotal',
      'firstTradeAt',
      'lastTradeAt',
      'contacts',
      'trades',
      'complaints',
      'visits',
      // ABC分类, 回访, 业务下滑提醒 and 满意度调查 (src/classification, src/cadence, src/care).
      'abcOverriddenAt',
      'abcOverriddenBy',
      'lastCallAt',
      'lastVisitAt',
      'nextCallDueAt',
      'nextVisitDueAt',
      'overdueTouches',
      'lastOrderAt',
      'nextPurchaseDueAt',
      'daysSinceLastOrder',
      'lastSurveyedAt',
      'surveyDueAt',
      'surveys',
    ],
    credit: CREDIT_FIELDS,
  },
  Contact: {
    public: [...BASE, 'customer', 'title', 'role', 'isPrimary'],
    personal: {
      name: 'name',
      gender: 'show',
      phone: 'phone',
      mobile: 'phone',
      email: 'email',
      wechat: 'handle',
      fax: 'phone',
      birthday: 'year',
      hometown: 'hide',
      education: 'hide',
      hobbies: 'hide',
      family: 'hide',
      consentPurpose: 'show',
      consentAt: 'show',
      marketingConsent: 'show',
      nextBirthday: 'hide',
    },
  },
  Trade: {
    public: [
      ...BASE,
      'tradeNo',
      'customer',
      'kind',
      'occurredAt',
      'place',
      'amount',
      'product',
      'quantity',
      'paymentMethod',
      'paymentStatus',
      'dueAt',
      'defaulted',
      'handler',
      'notes',
      'sample',
      'cancelledAt',
      'cancelledBy',
      'cancellationReason',
    ],
  },
  Complaint: {
    public: [
      ...BASE,
      'customer',
      'contact',
      'receivedAt',
      'channel',
      'category',
      'severity',
      'content',
      'status',
      'handler',
      'resolution',
      'measures',
      'dueAt',
      'resolvedAt',
      'satisfaction',
      'escalatedAt',
      'escalatedTo',
      'overdue',
    ],
  },
  Visit: {
    public: [
      ...BASE,
      'customer',
      'contact',
      'user',
      'kind',
      'plannedAt',
      'occurredAt',
      'subject',
      'summary',
      'needs',
      'outcome',
      'nextFollowUpAt',
    ],
  },
  Survey: {
    public: [
      ...BASE,
      'customer',
      'contact',
      'recordedBy',
      'surveyedAt',
      'scores',
      'lowestScore',
      'comments',
      'correctiveAction',
      'correctiveActionAt',
      'correctiveActionBy',
    ],
  },
  SurveyScore: { public: ['question', 'score'] },
  OverdueFollowUp: { public: ['kind', 'dueSince'] },
  Anniversary: { public: ['id', 'kind', 'on', 'years', 'customer'] },
  ClassificationRun: {
    public: ['ranked', 'changed', 'classA', 'classB', 'classC', 'overridden', 'windowFrom', 'windowTo'],
  },
  User: { public: [...BASE, 'name', 'department', 'role', 'active', 'leftAt', 'customers'] },
  Me: { public: ['subject', 'roles', 'user'] },
  DuplicateCandidate: { public: ['customer', 'reasons'] },
  // Values are filtered by the field rules of the record's type in history.service.ts.
  HistoryEntry: { public: ['id', 'occurredAt', 'operation', 'actor', 'actorUser', 'note', 'changes'] },
  FieldChange: { public: ['field', 'old', 'new'] },
  Destruction: {
    public: [
      'id',
      'archiveNo',
      'status',
      'reason',
      'method',
      'proposedAt',
      'proposedBy',
      'decidedAt',
      'decidedBy',
      'decisionNote',
      'erased',
    ],
  },
  FormerName: { public: ['name', 'until', 'documentRef', 'recordedAt'] },
  Handover: {
    public: ['id', 'reason', 'archiveCount', 'visitCount', 'handedOverAt', 'from', 'to', 'handedOverBy', 'archives'],
  },
  PartnerKey: { public: [...BASE, 'name', 'prefix', 'revokedAt'] },
  NewPartnerKey: { public: ['key', 'partnerKey'] },
  AccessGrant: {
    public: [
      ...BASE,
      'archiveNo',
      'reason',
      'endsAt',
      'status',
      'active',
      'decidedAt',
      'decisionNote',
      'user',
      'decidedBy',
      'customer',
    ],
  },
  // Credit requests: the row scope (credit/credit-requests.ts) already limits them to their
  // requester and the roles that read credit; the limit they replace is a credit field.
  CreditOverride: {
    public: [
      ...BASE,
      'customer',
      'amount',
      'reason',
      'status',
      'requestedBy',
      'decidedBy',
      'decidedAt',
      'decisionNote',
      'expiresAt',
      'usable',
      'usedAt',
      'usedByTrade',
    ],
  },
  CreditLimitRaise: {
    public: [
      ...BASE,
      'customer',
      'newLimit',
      'reason',
      'status',
      'requestedBy',
      'decidedBy',
      'decidedAt',
      'decisionNote',
    ],
    credit: ['oldLimit'],
  },
  RecordChange: {
    public: ['cursor', 'recordType', 'recordId', 'operation', 'changedFields', 'actor', 'occurredAt', 'record'],
  },
  ChangeCheckpoint: { public: ['cursor', 'at'] },
  // Rows are scoped to the caller's own partner key, or all for partner-key admins (webhook.service.ts).
  Webhook: {
    public: [
      'id',
      'url',
      'types',
      'partnerKey',
      'cursor',
      'status',
      'failures',
      'nextAttemptAt',
      'lastError',
      'stoppedReason',
      'createdAt',
    ],
  },
  NewWebhook: { public: ['secret', 'webhook'] },
  WebhookDelivery: {
    public: ['id', 'eventCursor', 'attempt', 'outcome', 'httpStatus', 'error', 'durationMs', 'attemptedAt'],
  },
  ReadAudit: { public: ['id', 'readAt', 'subject', 'roles', 'archiveNo', 'kind', 'fields', 'requestId'] },
  ExportRecord: {
    public: [
      'id',
      'exportedAt',
      'startedAt',
      'subject',
      'roles',
      'recordType',
      'filter',
      'format',
      'rowCount',
      'complete',
      'requestId',
    ],
  },
  // Statistics (src/stats): the service refuses groups, periods and sorts on fields the role may not read;
  // these rules answer the totals of such fields FORBIDDEN, as the fields themselves are.
  CustomerStats: { public: STATS },
  CustomerGroup: {
    public: [
      ...GROUP,
      'region',
      'province',
      'industry',
      'abcClass',
      'nature',
      'kind',
      'status',
      'category',
      'source',
      'scale',
      'starRating',
      'owner',
    ],
    credit: ['creditLevel', 'paymentTerms'],
  },
  CustomerMeasures: {
    public: ['tradeTotal', 'tradeCount', 'starRating', 'employeeCount', 'registeredCapital'],
    credit: ['creditLimit', 'outstandingBalance'],
  },
  TradeStats: { public: STATS },
  TradeGroup: { public: [...GROUP, 'kind', 'paymentStatus', 'paymentMethod', 'handler', 'customer', ...OF_CUSTOMER] },
  TradeMeasures: { public: ['amount', 'quantity'] },
  ComplaintStats: { public: STATS },
  ComplaintGroup: {
    public: [...GROUP, 'category', 'severity', 'status', 'channel', 'handler', 'customer', ...OF_CUSTOMER],
  },
  ComplaintMeasures: { public: ['satisfaction'] },
  VisitStats: { public: STATS },
  VisitGroup: { public: ['period', 'count', 'kind', 'user', 'customer', ...OF_CUSTOMER] },
  // What the caller's own import did: counts and its refusals, which speak only of rows it gave.
  ImportResult: {
    public: [
      'type',
      'format',
      'encoding',
      'rows',
      'created',
      'updated',
      'unchanged',
      'rejected',
      'committed',
      'dryRun',
      'partial',
      'unknownColumns',
      'readOnlyColumns',
      'unnamedColumns',
      'rejections',
      'reportPath',
      'seconds',
    ],
  },
  ImportRejection: { public: ['line', 'column', 'reason'] },
  // A link to what the caller's own query would answer; the file applies the caller's rules when opened.
  ExportLink: { public: ['url', 'expiresAt'] },
};

/**
 * What the rules read off a row besides the fields asked (read-middleware.ts, personal.ts):
 * a read that selects only the asked columns selects these too.
 */
export const RULE_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  Customer: ['abcClass', 'archiveNo'],
  Contact: ['customerId', 'classAArchiveNo'],
  Trade: ['customerId', 'classAArchiveNo'],
  Complaint: ['customerId', 'classAArchiveNo'],
  Visit: ['customerId', 'classAArchiveNo'],
  Survey: ['customerId', 'classAArchiveNo'],
};

/** Types that only carry pages of other types: their fields add nothing to protect. */
export const isStructuralType = (name: string) => name === 'PageInfo' || /(Connection|Edge)$/.test(name);

const ALL: readonly Role[] = ROLES;

export const creditReaders = (): Role[] => ROLES.filter((role) => POLICY[role].readsCredit);

/** Credit requests are read by those who make them (their own) and by the roles that read credit (all). */
const CREDIT_REQUEST_READERS: readonly Role[] = ROLES.filter(
  (role) => creditRequesters().includes(role) || POLICY[role].readsCredit,
);

/** The survey worklists: for those who survey, and for owners about their customers. */
const SURVEY_READERS: readonly Role[] = ROLES.filter(
  (role) => rolesThatWrite('Survey', 'create').includes(role) || customerOwners().includes(role),
);

/** Root fields and the roles that may call them. */
export const OPERATIONS: Record<'Query' | 'Mutation' | 'Subscription', Record<string, readonly Role[]>> = {
  Query: {
    me: ALL,
    node: ALL,
    customers: ALL,
    customer: ALL,
    contacts: ALL,
    contact: ALL,
    trades: ALL,
    trade: ALL,
    complaints: ALL,
    complaint: ALL,
    visits: ALL,
    visit: ALL,
    readAudits: ['archive_admin'],
    archivesAwaitingApproval: ARCHIVE_APPROVERS,
    staleArchives: rolesThatWrite('Customer', 'update'),
    handovers: OWNER_ASSIGNERS,
    duplicateCandidates: ARCHIVE_APPROVERS,
    history: ALL,
    dueForDestruction: [...DESTRUCTION_PROPOSERS, ...DESTRUCTION_APPROVERS],
    destructions: [...DESTRUCTION_PROPOSERS, ...DESTRUCTION_APPROVERS],
    myAccessGrants: ALL,
    accessGrants: GRANT_READERS,
    partnerKeys: PARTNER_KEY_ADMINS,
    changes: ALL,
    changesHead: ALL,
    creditOverrides: CREDIT_REQUEST_READERS,
    creditLimitRaises: CREDIT_REQUEST_READERS,
    creditReviewsDue: creditReaders(),
    overdueComplaints: ALL,
    exportCustomers: ALL,
    exportContacts: ALL,
    exportTrades: ALL,
    exportRecords: EXPORT_RECORD_READERS,
    webhooks: WEBHOOK_MANAGERS,
    webhookDeliveries: WEBHOOK_MANAGERS,
    overdueFollowUps: customerOwners(),
    decliningCustomers: customerOwners(),
    upcomingBirthdays: greeters(),
    upcomingAnniversaries: greeters(),
    survey: ALL,
    lowSatisfaction: SURVEY_READERS,
    surveyDue: SURVEY_READERS,
    customerStats: ALL,
    tradeStats: ALL,
    complaintStats: ALL,
    visitStats: ALL,
    users: OWNER_ASSIGNERS,
  },
  Mutation: {
    // From the write table: a role with no field group for an action never reaches its service.
    createCustomer: rolesThatWrite('Customer', 'create'),
    updateCustomer: rolesThatWrite('Customer', 'update'),
    renameCustomer: rolesThatWrite('Customer', 'update'),
    verifyArchive: rolesThatWrite('Customer', 'update'),
    approveArchive: ARCHIVE_APPROVERS,
    rejectArchive: ARCHIVE_APPROVERS,
    mergeArchives: ARCHIVE_APPROVERS,
    handOverCustomers: OWNER_ASSIGNERS,
    deactivateUser: OWNER_ASSIGNERS,
    endRelationship: RELATIONSHIP_ENDERS,
    proposeDestruction: DESTRUCTION_PROPOSERS,
    approveDestruction: DESTRUCTION_APPROVERS,
    rejectDestruction: DESTRUCTION_APPROVERS,
    createContact: rolesThatWrite('Contact', 'create'),
    updateContact: rolesThatWrite('Contact', 'update'),
    createTrade: rolesThatWrite('Trade', 'create'),
    updateTrade: rolesThatWrite('Trade', 'update'),
    cancelTrade: rolesThatWrite('Trade', 'update'),
    requestCreditOverride: creditRequesters(),
    approveCreditOverride: CREDIT_DECIDERS,
    rejectCreditOverride: CREDIT_DECIDERS,
    requestCreditLimitRaise: creditRequesters(),
    approveCreditLimitRaise: CREDIT_DECIDERS,
    rejectCreditLimitRaise: CREDIT_DECIDERS,
    recordCreditReview: creditReviewers(),
    createComplaint: rolesThatWrite('Complaint', 'create'),
    updateComplaint: rolesThatWrite('Complaint', 'update'),
    createVisit: rolesThatWrite('Visit', 'create'),
    updateVisit: rolesThatWrite('Visit', 'update'),
    recomputeClasses: CLASSIFIERS,
    overrideClass: CLASSIFIERS,
    clearClassOverride: CLASSIFIERS,
    recordSurvey: rolesThatWrite('Survey', 'create'),
    recordCorrectiveAction: rolesThatWrite('Survey', 'update'),
    createPartnerKey: PARTNER_KEY_ADMINS,
    revokePartnerKey: PARTNER_KEY_ADMINS,
    createWebhook: WEBHOOK_MANAGERS,
    deleteWebhook: WEBHOOK_MANAGERS,
    replayWebhook: WEBHOOK_MANAGERS,
    requestAccess: ALL,
    approveAccess: GRANT_DECIDERS,
    rejectAccess: GRANT_DECIDERS,
    revokeAccess: GRANT_DECIDERS,
    importFile: FILE_IMPORTERS,
  },
  // Payloads are filtered by the customer scope and resolved through the type rules above.
  Subscription: { recordChanged: ALL, changeFeed: ALL },
};

/** Appended to the SDL description of a restricted field, so frontend teams see it in the schema. */
export const creditNote = (text: string) =>
  `${text}. Credit field: readable by ${creditReaders().join(', ')}; null with FORBIDDEN for others.`;
export const personalNote = (text: string) =>
  `${text}. Personal data: in full for ${ROLES.filter((r) => POLICY[r].personalData === 'full').join(', ')}` +
  ` (sales_rep: own customers' contacts), masked for ${ROLES.filter((r) => POLICY[r].personalData === 'masked').join(', ')}, hidden from partner.`;
