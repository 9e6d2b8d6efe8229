import { type Role } from './roles';

/** Record types that can be written through the API. */
export type RecordType = 'Customer' | 'Contact' | 'Trade' | 'Complaint' | 'Visit' | 'Survey';
export type WriteAction = 'create' | 'update';

/**
 * Field groups of the write inputs: every input field belongs to exactly one group, and
 * rights are given per group (a field not given is not checked). `id` and `version` only
 * name the record and belong to none.
 * - Customer. profile: who the customer is and the owner's working view of it, including the
 *   1–5 star rating and the contact and purchase strategies (the rep's own assessment, seed 001:
 *   销售人员自行衡量评估); owner: the responsible employee (reassigning is a manager's step);
 *   credit: the credit settings (DESIGN's credit fields; the balance moves only through trades).
 *   The manager's ABC class override has no input yet: when it gets one it is a group of its own.
 * - Trade. Every field but the handler belongs to the trade's kind: the group of a trade is its
 *   kind (ORDER, CONTRACT, DELIVERY, RETURN, PAYMENT), so recording or changing a PAYMENT needs
 *   the PAYMENT group whatever fields are given, and changing a trade's kind needs both kinds.
 * - Contact: details. Complaint: details, handler. Visit: details, visitor (the employee who
 *   made the touch). Survey: details (recordSurvey, always in the caller's name), corrective
 *   (recordCorrectiveAction).
 */
export const KIND = 'kind';
export const WRITE_FIELDS = {
  Customer: {
    profile: [
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
      'starRating',
      'contactPolicy',
      'purchaseCycleDays',
    ],
    owner: ['ownerId'],
    credit: [
      'creditLevel',
      'creditLimit',
      'creditTermDays',
      'paymentTerms',
      'bankName',
      'bankAccount',
      'creditAssessment',
    ],
  },
  Contact: {
    details: [
      'customerId',
      'name',
      'gender',
      'title',
      'role',
      'phone',
      'mobile',
      'email',
      'wechat',
      'fax',
      'isPrimary',
      'birthday',
      'hometown',
      'education',
      'hobbies',
      'family',
      'consentPurpose',
      'consentAt',
      'marketingConsent',
    ],
  },
  Trade: {
    [KIND]: [
      'customerId',
      'tradeNo',
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
      'notes',
      'sample',
      'overrideId',
    ],
    handler: ['handlerId'],
  },
  Complaint: {
    details: [
      'customerId',
      'contactId',
      'receivedAt',
      'channel',
      'category',
      'severity',
      'content',
      'status',
      'resolution',
      'measures',
      'dueAt',
      'resolvedAt',
      'satisfaction',
    ],
    handler: ['handlerId'],
  },
  Visit: {
    details: [
      'customerId',
      'contactId',
      'kind',
      'plannedAt',
      'occurredAt',
      'subject',
      'summary',
      'needs',
      'outcome',
      'nextFollowUpAt',
    ],
    visitor: ['userId'],
  },
  Survey: {
    details: ['customerId', 'contactId', 'surveyedAt', 'scores', 'comments'],
    corrective: ['correctiveAction'],
  },
} as const satisfies Record<RecordType, Record<string, readonly string[]>>;

/** Input fields that name the record written or say why, not a value of it. */
export const RECORD_KEYS: readonly string[] = ['id', 'version', 'note'];

/** The kinds of trade write rights are granted by; trades/trade.enums.ts checks its TradeKind against it. */
export type TradeKindName = 'ORDER' | 'CONTRACT' | 'DELIVERY' | 'PAYMENT' | 'RETURN';

/** The groups rights are given in: a trade's fields are granted by its kind. */
export type WriteGroup<T extends RecordType> = T extends 'Trade'
  ? TradeKindName | 'handler'
  : keyof (typeof WRITE_FIELDS)[T];

export interface WriteRule<T extends RecordType = RecordType> {
  /** Field groups the role may give when creating, and when updating, a record of this type. */
  create: readonly WriteGroup<T>[];
  update: readonly WriteGroup<T>[];
  /** 'own': only records of customers the caller owns; 'visible': of any customer the role can see. */
  customers: 'own' | 'visible';
  /** 'self': the employee fields (owner, handler, visitor) may name only the caller; 'anyone': any active employee. */
  people: 'self' | 'anyone';
}

export type WriteRules = { [T in RecordType]?: WriteRule<T> };

export interface RolePolicy {
  /** May read A-class archives without an access grant. */
  seesClassA: boolean;
  /** May read an A-class archive while holding an approved, unexpired access grant (借阅) for it. */
  classAWithGrant: boolean;
  /** May read credit fields (credit level, limit, terms, balance, bank, assessment). */
  readsCredit: boolean;
  /** How contacts' personal data appears: in full, in full only for own customers, masked, or not at all. */
  personalData: 'full' | 'own' | 'masked' | 'none';
  /** Who writes what: per record type, the field groups per action, on whose customers, naming whom. */
  writes: WriteRules;
}

/** Trade kinds that are sales work (签约、订单、提货、退货); payments (回款) are finance's (seed 003: 财务部 … 回款、应收). */
const SALES_KINDS = ['ORDER', 'CONTRACT', 'DELIVERY', 'RETURN'] as const;

const rule = <T extends RecordType>(
  groups: readonly WriteGroup<T>[],
  customers: WriteRule['customers'],
  people: WriteRule['people'],
): WriteRule<T> => ({ create: groups, update: groups, customers, people });

/** DESIGN: "own customers, contacts, visits, orders", never as another employee, no credit settings. */
const REP_WRITES: WriteRules = {
  Customer: rule(['profile', 'owner'], 'own', 'self'),
  Contact: rule(['details'], 'own', 'self'),
  Trade: rule([...SALES_KINDS, 'handler'], 'own', 'self'),
  Visit: rule(['details', 'visitor'], 'own', 'self'),
};

/**
 * What reps do, for every customer and naming any employee (reassigning owners, handing
 * trades and complaints on), and complaints. No payments and no credit settings: those are
 * finance's, and a general manager approves credit overrides rather than setting limits.
 */
const MANAGER_WRITES: WriteRules = {
  Customer: rule(['profile', 'owner'], 'visible', 'anyone'),
  Contact: rule(['details'], 'visible', 'anyone'),
  Trade: rule([...SALES_KINDS, 'handler'], 'visible', 'anyone'),
  Complaint: rule(['details', 'handler'], 'visible', 'anyone'),
  Visit: rule(['details', 'visitor'], 'visible', 'anyone'),
  Survey: rule(['details', 'corrective'], 'visible', 'anyone'),
};

/**
 * THE access policy (DESIGN.md "Roles and what they may see"), as data. Services, the
 * shield rules, the schema descriptions and the tests all read this one table; change it here only.
 */
export const POLICY: Record<Role, RolePolicy> = {
  sales_rep: { seesClassA: false, classAWithGrant: true, readsCredit: false, personalData: 'own', writes: REP_WRITES },
  sales_manager: {
    seesClassA: true,
    classAWithGrant: false,
    readsCredit: true,
    personalData: 'full',
    writes: MANAGER_WRITES,
  },
  customer_service: {
    seesClassA: false,
    classAWithGrant: true,
    readsCredit: false,
    personalData: 'full',
    // Complaints, visits and satisfaction surveys of any customer it sees, in its own name.
    writes: {
      Complaint: rule(['details', 'handler'], 'visible', 'self'),
      Visit: rule(['details', 'visitor'], 'visible', 'self'),
      Survey: rule(['details', 'corrective'], 'visible', 'self'),
    },
  },
  finance: {
    seesClassA: true,
    classAWithGrant: false,
    readsCredit: true,
    personalData: 'masked',
    // Payments and credit settings, and nothing else of a customer (no rename, no new archive, no owner change).
    writes: {
      Customer: { create: [], update: ['credit'], customers: 'visible', people: 'self' },
      Trade: rule(['PAYMENT', 'handler'], 'visible', 'self'),
    },
  },
  general_manager: {
    seesClassA: true,
    classAWithGrant: false,
    readsCredit: true,
    personalData: 'full',
    writes: MANAGER_WRITES,
  },
  // Retention and destruction are archive_admin's writes; until they exist it writes no records.
  archive_admin: { seesClassA: true, classAWithGrant: false, readsCredit: false, personalData: 'full', writes: {} },
  analyst: { seesClassA: false, classAWithGrant: false, readsCredit: false, personalData: 'masked', writes: {} },
  partner: { seesClassA: false, classAWithGrant: false, readsCredit: false, personalData: 'none', writes: {} },
};

/**
 * What each rule of a role depends on besides the role: 'user' where its outcome differs per
 * employee (a grant is one user's; 'own' means the user's own customers). Viewers whose rules
 * depend on nothing else get identical answers, so the change feed executes an event once for
 * all of them (auth/view-key.ts builds its key from this table). A new RolePolicy field does
 * not compile until it is listed here. Write rules shape no answer a viewer reads.
 */
export const POLICY_DEPENDS_ON: { [K in keyof RolePolicy]: (rule: RolePolicy[K]) => 'role' | 'user' } = {
  seesClassA: () => 'role',
  classAWithGrant: (mayBorrow) => (mayBorrow ? 'user' : 'role'),
  readsCredit: () => 'role',
  // Every view named, so a new one does not compile until it is placed.
  personalData: (view) =>
    (
      ({ full: 'role', own: 'user', masked: 'role', none: 'role' }) as const satisfies Record<
        RolePolicy['personalData'],
        'role' | 'user'
      >
    )[view],
  writes: () => 'role',
};

/** Whether any read rule of `role` differs per employee. */
export const rulesDependOnUser = (role: Role): boolean =>
  (Object.keys(POLICY_DEPENDS_ON) as (keyof RolePolicy)[]).some(
    (field) => (POLICY_DEPENDS_ON[field] as (rule: unknown) => string)(POLICY[role][field]) === 'user',
  );

/** The rule of `role` for writing `type`, or undefined when it writes none. */
export const writeRule = <T extends RecordType>(role: Role, type: T): WriteRule<T> | undefined =>
  POLICY[role].writes[type] as WriteRule<T> | undefined;

/** Roles that may `action` some `type` record at all (the root mutation's shield rule). */
export const rolesThatWrite = (type: RecordType, action: WriteAction): Role[] =>
  (Object.keys(POLICY) as Role[]).filter((role) => (writeRule(role, type)?.[action].length ?? 0) > 0);

/** Roles that approve, reject and revoke access grants (借阅); a requester never decides its own. */
export const GRANT_DECIDERS: readonly Role[] = ['sales_manager', 'general_manager'];

/** Roles that may list everyone's access grants: the deciders, and archive_admin who keeps the records. */
export const GRANT_READERS: readonly Role[] = [...GRANT_DECIDERS, 'archive_admin'];

/** Roles that approve or reject new archives (建档审批); never a draft they created. */
export const ARCHIVE_APPROVERS: readonly Role[] = ['sales_manager', 'general_manager'];

/** Roles that reassign archives to other owners and hand over a leaving employee's archives (员工调离). */
export const OWNER_ASSIGNERS: readonly Role[] = ['sales_manager', 'general_manager'];

/** Who ends a customer relationship (the retention clock starts), who proposes and who approves destruction (two people). */
export const RELATIONSHIP_ENDERS: readonly Role[] = ['sales_manager', 'general_manager'];
export const DESTRUCTION_PROPOSERS: readonly Role[] = ['archive_admin'];
export const DESTRUCTION_APPROVERS: readonly Role[] = ['general_manager'];

/**
 * Credit control (资信度管理, seed 003). Whoever records orders or payments for a customer may
 * ask for a credit decision about it (an override for one order, a higher limit): sales and
 * finance, each for the customers its Trade write rule reaches (a rep: its own).
 */
export const CREDIT_REQUEST_KINDS: readonly string[] = ['ORDER', 'PAYMENT'];

/** Roles whose Trade create rule includes one of CREDIT_REQUEST_KINDS. */
export const creditRequesters = (): Role[] =>
  (Object.keys(POLICY) as Role[]).filter((role) =>
    (writeRule(role, 'Trade')?.create ?? []).some((g) => CREDIT_REQUEST_KINDS.includes(g)),
  );

/** Approve or reject credit overrides and limit raises (须经事业部总经理批准); never one's own request. */
export const CREDIT_DECIDERS: readonly Role[] = ['general_manager'];

/** Who records the quarterly credit review (季度考核): the roles that write customers' credit settings. */
export const creditReviewers = (): Role[] =>
  (Object.keys(POLICY) as Role[]).filter((role) => (writeRule(role, 'Customer')?.update ?? []).includes('credit'));

/**
 * Who imports files through the API (importFile, a file in IMPORT_DIR on the server): managers.
 * Each row is still written under the importer's own write rights; anyone with write rights
 * imports with the CLI (npm run import) under the same rules.
 */
export const FILE_IMPORTERS: readonly Role[] = ['sales_manager', 'general_manager'];

/**
 * Who reads the export register (输出档案登记, exportRecords): archive_admin, who keeps the
 * archives and reads the read audit beside it (DESIGN: "audit reading"). Not the general
 * manager: the role table gives managers approvals, not audit reading, as for readAudits.
 */
export const EXPORT_RECORD_READERS: readonly Role[] = ['archive_admin'];

/** Who issues and revokes partner API keys. */
export const PARTNER_KEY_ADMINS: readonly Role[] = ['general_manager', 'archive_admin'];

/** Recompute the ABC classes and override one customer's class with a reason (ABC分类: 销售经理). */
export const CLASSIFIERS: readonly Role[] = ['sales_manager', 'general_manager'];

/**
 * Roles that own customers (the owner group of their Customer create rule): each has its own
 * contact cadence and decline alerts (回访, 业务下滑提醒). FOLLOW_UP_OVERSEERS list anyone's.
 */
export const customerOwners = (): Role[] =>
  (Object.keys(POLICY) as Role[]).filter((role) => (writeRule(role, 'Customer')?.create ?? []).includes('owner'));
export const FOLLOW_UP_OVERSEERS: readonly Role[] = ['sales_manager', 'general_manager'];

/** Roles that record touches with customers (visits, greetings): the care reminders (生日, 店庆) are theirs. */
export const greeters = (): Role[] => rolesThatWrite('Visit', 'create');

/**
 * Who manages webhooks: a partner app its own (with its API key: a webhook acts as its key,
 * and a revoked key stops it), and the partner-key admins anyone's.
 */
export const WEBHOOK_MANAGERS: readonly Role[] = ['partner', ...PARTNER_KEY_ADMINS];
