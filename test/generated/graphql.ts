/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A date-time string at UTC, such as 2007-12-03T10:15:30Z, compliant with the `date-time` format outlined in section 5.6 of the RFC 3339 profile of the ISO 8601 standard for representation of dates and times using the Gregorian calendar. */
  DateTime: { input: string; output: string; }
  /** Money in CNY as a string with exactly two decimals, e.g. "100000.00". Inputs accept numbers too. */
  Decimal: { input: string; output: string; }
};

/** 客户等级: A top 20 %, B next 40 %, C the rest */
export type AbcClass =
  | 'A'
  | 'B'
  | 'C';

/** Lifecycle of an archive; new archives wait for a sales manager's approval */
export type ArchiveStatus =
  | 'ACTIVE'
  | 'DESTROYED'
  | 'DORMANT'
  | 'ENDED'
  | 'PENDING_APPROVAL';

export type BaseRecord = Node & {
  __typename?: 'BaseRecord';
  createdAt: Scalars['DateTime']['output'];
  /** Opaque global id, accepted by node(id) and the type's own lookup. */
  id: Scalars['ID']['output'];
  updatedAt: Scalars['DateTime']['output'];
  /** Send it back with an update: a stale version is refused with CONFLICT. */
  version: Scalars['Int']['output'];
};

/** 经营方式: 批发, 零售, 工程 */
export type BusinessMode =
  | 'PROJECT'
  | 'RETAIL'
  | 'WHOLESALE';

/** 规模 */
export type CompanyScale =
  | 'LARGE'
  | 'MEDIUM'
  | 'MICRO'
  | 'SMALL';

/** A complaint of a customer (投诉) and its handling. */
export type Complaint = Node & {
  __typename?: 'Complaint';
  category: ComplaintCategory;
  channel: ComplaintChannel;
  /** Who complained. */
  contact?: Maybe<Contact>;
  /** 投诉内容 */
  content: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  customer?: Maybe<Customer>;
  /** When it must be resolved by */
  dueAt?: Maybe<Scalars['DateTime']['output']>;
  /** The employee handling it (处理人); null while unassigned. */
  handler?: Maybe<User>;
  /** Opaque global id, accepted by node(id) and the type's own lookup. */
  id: Scalars['ID']['output'];
  /** 措施: what changes so it does not happen again */
  measures?: Maybe<Scalars['String']['output']>;
  /** When the complaint came in */
  receivedAt: Scalars['DateTime']['output'];
  /** 处理结果 */
  resolution?: Maybe<Scalars['String']['output']>;
  /** Set when the complaint reaches RESOLVED (or CLOSED) unless given */
  resolvedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The customer's satisfaction with the handling, 1 (poor) to 5 (excellent) */
  satisfaction?: Maybe<Scalars['Int']['output']>;
  severity: Severity;
  status: ComplaintStatus;
  updatedAt: Scalars['DateTime']['output'];
  /** Send it back with an update: a stale version is refused with CONFLICT. */
  version: Scalars['Int']['output'];
};

/** 投诉类别: quality, service, delivery, billing */
export type ComplaintCategory =
  | 'BILLING'
  | 'DELIVERY'
  | 'OTHER'
  | 'QUALITY'
  | 'SERVICE';

/** How the complaint reached us */
export type ComplaintChannel =
  | 'EMAIL'
  | 'LETTER'
  | 'OTHER'
  | 'PHONE'
  | 'VISIT'
  | 'WEBSITE'
  | 'WECHAT';

export type ComplaintConnection = {
  __typename?: 'ComplaintConnection';
  edges: Array<ComplaintEdge>;
  pageInfo: PageInfo;
  /** Rows matching the filter that the caller may see. */
  totalCount: Scalars['Int']['output'];
};

export type ComplaintEdge = {
  __typename?: 'ComplaintEdge';
  cursor: Scalars['String']['output'];
  node: Complaint;
};

export type ComplaintFilter = {
  category?: InputMaybe<Array<ComplaintCategory>>;
  channel?: InputMaybe<Array<ComplaintChannel>>;
  contactId?: InputMaybe<Scalars['ID']['input']>;
  customerId?: InputMaybe<Scalars['ID']['input']>;
  handlerId?: InputMaybe<Scalars['ID']['input']>;
  /** True: still OPEN or IN_PROGRESS after its due date */
  overdue?: InputMaybe<Scalars['Boolean']['input']>;
  /** Received before */
  receivedBefore?: InputMaybe<Scalars['DateTime']['input']>;
  /** Received at or after */
  receivedFrom?: InputMaybe<Scalars['DateTime']['input']>;
  severity?: InputMaybe<Array<Severity>>;
  status?: InputMaybe<Array<ComplaintStatus>>;
};

export type ComplaintOrder = {
  direction?: SortDirection;
  field: ComplaintSortField;
};

export type ComplaintSortField =
  | 'CREATED_AT'
  | 'RECEIVED_AT'
  | 'UPDATED_AT';

/** OPEN → IN_PROGRESS → RESOLVED → CLOSED; steps may be skipped, never undone */
export type ComplaintStatus =
  | 'CLOSED'
  | 'IN_PROGRESS'
  | 'OPEN'
  | 'RESOLVED';

/** A contact person of a customer (联系人). */
export type Contact = Node & {
  __typename?: 'Contact';
  /** 出生年月日 (YYYY-MM-DD); personal data */
  birthday?: Maybe<Scalars['String']['output']>;
  /** When the person gave that consent */
  consentAt?: Maybe<Scalars['DateTime']['output']>;
  /** What the person agreed their data may be used for (个人信息保护法) */
  consentPurpose?: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['DateTime']['output'];
  customer?: Maybe<Customer>;
  /** 学历; personal data */
  education?: Maybe<Scalars['String']['output']>;
  email?: Maybe<Scalars['String']['output']>;
  /** 家庭情况; personal data */
  family?: Maybe<Scalars['String']['output']>;
  fax?: Maybe<Scalars['String']['output']>;
  gender: Gender;
  /** 兴趣爱好; personal data */
  hobbies?: Maybe<Scalars['String']['output']>;
  /** 籍贯; personal data */
  hometown?: Maybe<Scalars['String']['output']>;
  /** Opaque global id, accepted by node(id) and the type's own lookup. */
  id: Scalars['ID']['output'];
  /** The customer's primary contact; at most one per customer. */
  isPrimary: Scalars['Boolean']['output'];
  mobile?: Maybe<Scalars['String']['output']>;
  /** 姓名 */
  name: Scalars['String']['output'];
  /** Office phone with area code */
  phone?: Maybe<Scalars['String']['output']>;
  role: ContactRole;
  /** 职务 */
  title?: Maybe<Scalars['String']['output']>;
  updatedAt: Scalars['DateTime']['output'];
  /** Send it back with an update: a stale version is refused with CONFLICT. */
  version: Scalars['Int']['output'];
  /** 微信号 */
  wechat?: Maybe<Scalars['String']['output']>;
};

export type ContactConnection = {
  __typename?: 'ContactConnection';
  edges: Array<ContactEdge>;
  pageInfo: PageInfo;
  /** Rows matching the filter that the caller may see. */
  totalCount: Scalars['Int']['output'];
};

export type ContactEdge = {
  __typename?: 'ContactEdge';
  cursor: Scalars['String']['output'];
  node: Contact;
};

export type ContactFilter = {
  customerId?: InputMaybe<Scalars['ID']['input']>;
  isPrimary?: InputMaybe<Scalars['Boolean']['input']>;
  role?: InputMaybe<Array<ContactRole>>;
  /** Part of the name */
  search?: InputMaybe<Scalars['String']['input']>;
};

export type ContactOrder = {
  direction?: SortDirection;
  field: ContactSortField;
};

/** 法定代表人 LEGAL_REPRESENTATIVE, 负责人 PRINCIPAL, 主要联系人 MAIN_CONTACT, 维护联系人 MAINTENANCE_CONTACT */
export type ContactRole =
  | 'LEGAL_REPRESENTATIVE'
  | 'MAINTENANCE_CONTACT'
  | 'MAIN_CONTACT'
  | 'OTHER'
  | 'PRINCIPAL';

export type ContactSortField =
  | 'CREATED_AT'
  | 'NAME'
  | 'UPDATED_AT';

/** A new complaint of a customer the caller may write to; it starts OPEN unless told otherwise. */
export type CreateComplaintInput = {
  category: ComplaintCategory;
  channel: ComplaintChannel;
  /** Who complained: a contact of the same customer; null clears it */
  contactId?: InputMaybe<Scalars['ID']['input']>;
  content: Scalars['String']['input'];
  customerId: Scalars['ID']['input'];
  dueAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** An active employee; null unassigns */
  handlerId?: InputMaybe<Scalars['ID']['input']>;
  measures?: InputMaybe<Scalars['String']['input']>;
  /** Defaults to now on create */
  receivedAt?: InputMaybe<Scalars['DateTime']['input']>;
  resolution?: InputMaybe<Scalars['String']['input']>;
  resolvedAt?: InputMaybe<Scalars['DateTime']['input']>;
  satisfaction?: InputMaybe<Scalars['Int']['input']>;
  severity?: InputMaybe<Severity>;
  /** Only forward: OPEN → IN_PROGRESS → RESOLVED → CLOSED */
  status?: InputMaybe<ComplaintStatus>;
};

/** A new contact of a customer the caller may write to. */
export type CreateContactInput = {
  birthday?: InputMaybe<Scalars['String']['input']>;
  consentAt?: InputMaybe<Scalars['DateTime']['input']>;
  consentPurpose?: InputMaybe<Scalars['String']['input']>;
  customerId: Scalars['ID']['input'];
  education?: InputMaybe<Scalars['String']['input']>;
  email?: InputMaybe<Scalars['String']['input']>;
  family?: InputMaybe<Scalars['String']['input']>;
  fax?: InputMaybe<Scalars['String']['input']>;
  gender?: InputMaybe<Gender>;
  hobbies?: InputMaybe<Scalars['String']['input']>;
  hometown?: InputMaybe<Scalars['String']['input']>;
  /** True makes this the primary contact and clears the flag on the others. */
  isPrimary?: InputMaybe<Scalars['Boolean']['input']>;
  mobile?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
  phone?: InputMaybe<Scalars['String']['input']>;
  role?: InputMaybe<ContactRole>;
  title?: InputMaybe<Scalars['String']['input']>;
  wechat?: InputMaybe<Scalars['String']['input']>;
};

/** A new archive; it starts PENDING_APPROVAL with a generated archive number. */
export type CreateCustomerInput = {
  address?: InputMaybe<Scalars['String']['input']>;
  bankAccount?: InputMaybe<Scalars['String']['input']>;
  bankName?: InputMaybe<Scalars['String']['input']>;
  businessDirection?: InputMaybe<Scalars['String']['input']>;
  businessMode?: InputMaybe<BusinessMode>;
  businessPhilosophy?: InputMaybe<Scalars['String']['input']>;
  businessScope?: InputMaybe<Scalars['String']['input']>;
  category?: InputMaybe<CustomerCategory>;
  city?: InputMaybe<Scalars['String']['input']>;
  contactPolicy?: InputMaybe<Scalars['String']['input']>;
  creditAssessment?: InputMaybe<Scalars['String']['input']>;
  creditCode?: InputMaybe<Scalars['String']['input']>;
  creditLevel?: InputMaybe<CreditLevel>;
  creditLimit?: InputMaybe<Scalars['Decimal']['input']>;
  creditTermDays?: InputMaybe<Scalars['Int']['input']>;
  district?: InputMaybe<Scalars['String']['input']>;
  email?: InputMaybe<Scalars['String']['input']>;
  employeeCount?: InputMaybe<Scalars['Int']['input']>;
  fax?: InputMaybe<Scalars['String']['input']>;
  foundedOn?: InputMaybe<Scalars['String']['input']>;
  growthPotential?: InputMaybe<Scalars['String']['input']>;
  industry?: InputMaybe<Scalars['String']['input']>;
  industryPosition?: InputMaybe<IndustryPosition>;
  kind: CustomerKind;
  legalRepresentative?: InputMaybe<Scalars['String']['input']>;
  mainBrands?: InputMaybe<Scalars['String']['input']>;
  mainShareholders?: InputMaybe<Scalars['String']['input']>;
  marketShare?: InputMaybe<Scalars['Float']['input']>;
  name: Scalars['String']['input'];
  nature?: InputMaybe<EnterpriseNature>;
  /** Owner (业务员); defaults to the caller */
  ownerId?: InputMaybe<Scalars['ID']['input']>;
  paymentTerms?: InputMaybe<PaymentTerms>;
  phone?: InputMaybe<Scalars['String']['input']>;
  postcode?: InputMaybe<Scalars['String']['input']>;
  province?: InputMaybe<Scalars['String']['input']>;
  purchaseCycleDays?: InputMaybe<Scalars['Int']['input']>;
  region?: InputMaybe<Region>;
  registeredCapital?: InputMaybe<Scalars['Decimal']['input']>;
  salesCapability?: InputMaybe<Scalars['String']['input']>;
  salesLastYear?: InputMaybe<Scalars['Decimal']['input']>;
  salesThreeYearsAgo?: InputMaybe<Scalars['Decimal']['input']>;
  salesTwoYearsAgo?: InputMaybe<Scalars['Decimal']['input']>;
  scale?: InputMaybe<CompanyScale>;
  shortName?: InputMaybe<Scalars['String']['input']>;
  source?: InputMaybe<CustomerSource>;
  starRating?: InputMaybe<Scalars['Int']['input']>;
  website?: InputMaybe<Scalars['String']['input']>;
  yearsInBusiness?: InputMaybe<Scalars['Int']['input']>;
};

/** A new trade of an ACTIVE customer. An ORDER on CREDIT is refused with CREDIT_LIMIT_EXCEEDED when it would take the outstanding balance over the credit limit. */
export type CreateTradeInput = {
  amount: Scalars['Decimal']['input'];
  customerId: Scalars['ID']['input'];
  defaulted?: InputMaybe<Scalars['Boolean']['input']>;
  dueAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** 交易负责人; a new trade defaults to the caller */
  handlerId?: InputMaybe<Scalars['ID']['input']>;
  kind: TradeKind;
  notes?: InputMaybe<Scalars['String']['input']>;
  occurredAt: Scalars['DateTime']['input'];
  paymentMethod: PaymentMethod;
  paymentStatus?: InputMaybe<PaymentStatus>;
  place?: InputMaybe<Scalars['String']['input']>;
  product?: InputMaybe<Scalars['String']['input']>;
  quantity?: InputMaybe<Scalars['Int']['input']>;
  /** Generated (T + yyyymmdd + sequence) when not given */
  tradeNo?: InputMaybe<Scalars['String']['input']>;
};

/** A new touch with a customer the caller may write to. Without plannedAt and occurredAt it happened now. */
export type CreateVisitInput = {
  /** A contact of the same customer; null clears it */
  contactId?: InputMaybe<Scalars['ID']['input']>;
  customerId: Scalars['ID']['input'];
  kind: VisitKind;
  needs?: InputMaybe<Scalars['String']['input']>;
  nextFollowUpAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** Null while still planned */
  occurredAt?: InputMaybe<Scalars['DateTime']['input']>;
  outcome?: InputMaybe<Scalars['String']['input']>;
  /** Defaults to occurredAt on create */
  plannedAt?: InputMaybe<Scalars['DateTime']['input']>;
  subject: Scalars['String']['input'];
  summary?: InputMaybe<Scalars['String']['input']>;
  /** An active employee; defaults to the caller on create */
  userId?: InputMaybe<Scalars['ID']['input']>;
};

/** 信用等级 */
export type CreditLevel =
  | 'A'
  | 'AA'
  | 'AAA'
  | 'B'
  | 'C'
  | 'D';

/** A customer archive (客户档案). */
export type Customer = Node & {
  __typename?: 'Customer';
  /** 客户等级, recomputed from 12 months of trade value unless overridden */
  abcClass: AbcClass;
  /** Why a manager overrode the computed class; null when computed */
  abcOverrideReason?: Maybe<Scalars['String']['output']>;
  /** 通讯地址 */
  address?: Maybe<Scalars['String']['output']>;
  /** 档案编号: region code + year + sequence, unique, never reused */
  archiveNo: Scalars['String']['output'];
  /** 账号 */
  bankAccount?: Maybe<Scalars['String']['output']>;
  /** 开户行 */
  bankName?: Maybe<Scalars['String']['output']>;
  /** 经营方向 */
  businessDirection?: Maybe<Scalars['String']['output']>;
  businessMode?: Maybe<BusinessMode>;
  /** 经营观念 */
  businessPhilosophy?: Maybe<Scalars['String']['output']>;
  /** 经营范围 */
  businessScope?: Maybe<Scalars['String']['output']>;
  category: CustomerCategory;
  city?: Maybe<Scalars['String']['output']>;
  /** This customer's complaints (newest first unless ordered otherwise). */
  complaints: ComplaintConnection;
  /** 联系策略 */
  contactPolicy?: Maybe<Scalars['String']['output']>;
  /** This customer's contacts (by name unless ordered otherwise). */
  contacts: ContactConnection;
  createdAt: Scalars['DateTime']['output'];
  /** 资信评价 */
  creditAssessment?: Maybe<Scalars['String']['output']>;
  /** 统一社会信用代码 (18 characters), unique when present */
  creditCode?: Maybe<Scalars['String']['output']>;
  creditLevel?: Maybe<CreditLevel>;
  /** 信用额度 (CNY) */
  creditLimit: Scalars['Decimal']['output'];
  /** 账期 in days */
  creditTermDays: Scalars['Int']['output'];
  district?: Maybe<Scalars['String']['output']>;
  email?: Maybe<Scalars['String']['output']>;
  employeeCount?: Maybe<Scalars['Int']['output']>;
  fax?: Maybe<Scalars['String']['output']>;
  /** 首次交易 */
  firstTradeAt?: Maybe<Scalars['DateTime']['output']>;
  /** 成立日期 (YYYY-MM-DD) */
  foundedOn?: Maybe<Scalars['String']['output']>;
  /** 发展潜力 */
  growthPotential?: Maybe<Scalars['String']['output']>;
  /** Opaque global id, accepted by node(id) and the type's own lookup. */
  id: Scalars['ID']['output'];
  /** 行业 */
  industry?: Maybe<Scalars['String']['output']>;
  industryPosition?: Maybe<IndustryPosition>;
  kind: CustomerKind;
  /** last quarterly credit review */
  lastCreditReviewAt?: Maybe<Scalars['DateTime']['output']>;
  /** 最近交易 */
  lastTradeAt?: Maybe<Scalars['DateTime']['output']>;
  /** 法定代表人 */
  legalRepresentative?: Maybe<Scalars['String']['output']>;
  /** 主营品牌 */
  mainBrands?: Maybe<Scalars['String']['output']>;
  /** 主要股东 */
  mainShareholders?: Maybe<Scalars['String']['output']>;
  /** 市场占有率 in percent */
  marketShare?: Maybe<Scalars['Float']['output']>;
  /** 客户名称 */
  name: Scalars['String']['output'];
  nature?: Maybe<EnterpriseNature>;
  /** 应收/欠款 (CNY) */
  outstandingBalance: Scalars['Decimal']['output'];
  /** The responsible sales rep (业务员). */
  owner?: Maybe<User>;
  paymentTerms?: Maybe<PaymentTerms>;
  /** 电话 with area code, e.g. 010-12345678 */
  phone?: Maybe<Scalars['String']['output']>;
  /** 邮编 (6 digits) */
  postcode?: Maybe<Scalars['String']['output']>;
  province?: Maybe<Scalars['String']['output']>;
  /** 购买周期 in days; no purchase within it raises a decline alert */
  purchaseCycleDays?: Maybe<Scalars['Int']['output']>;
  region?: Maybe<Region>;
  /** 注册资本 (CNY) */
  registeredCapital?: Maybe<Scalars['Decimal']['output']>;
  /** 销售能力 */
  salesCapability?: Maybe<Scalars['String']['output']>;
  /** 近3年销售业绩: last year */
  salesLastYear?: Maybe<Scalars['Decimal']['output']>;
  /** sales three years ago */
  salesThreeYearsAgo?: Maybe<Scalars['Decimal']['output']>;
  /** sales two years ago */
  salesTwoYearsAgo?: Maybe<Scalars['Decimal']['output']>;
  scale?: Maybe<CompanyScale>;
  /** 简称 */
  shortName?: Maybe<Scalars['String']['output']>;
  source?: Maybe<CustomerSource>;
  starRating?: Maybe<Scalars['Int']['output']>;
  status: ArchiveStatus;
  /** 交易次数: number of orders */
  tradeCount: Scalars['Int']['output'];
  /** 交易金额: orders minus returns (CNY) */
  tradeTotal: Scalars['Decimal']['output'];
  /** The customer's trades, newest first unless ordered otherwise. */
  trades: TradeConnection;
  updatedAt: Scalars['DateTime']['output'];
  /** Send it back with an update: a stale version is refused with CONFLICT. */
  version: Scalars['Int']['output'];
  /** Touches with this customer (latest planned first unless ordered otherwise). */
  visits: VisitConnection;
  website?: Maybe<Scalars['String']['output']>;
  /** 从业时间 in years */
  yearsInBusiness?: Maybe<Scalars['Int']['output']>;
};


/** A customer archive (客户档案). */
export type CustomerComplaintsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<ComplaintOrder>;
};


/** A customer archive (客户档案). */
export type CustomerContactsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<ContactOrder>;
};


/** A customer archive (客户档案). */
export type CustomerTradesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<TradeOrder>;
};


/** A customer archive (客户档案). */
export type CustomerVisitsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<VisitOrder>;
};

/** 客户类别: potential/current/lost × end customer/agent 代理 */
export type CustomerCategory =
  | 'CURRENT_AGENT'
  | 'CURRENT_END'
  | 'LOST_AGENT'
  | 'LOST_END'
  | 'POTENTIAL_AGENT'
  | 'POTENTIAL_END';

export type CustomerConnection = {
  __typename?: 'CustomerConnection';
  edges: Array<CustomerEdge>;
  pageInfo: PageInfo;
  /** Rows matching the filter that the caller may see. */
  totalCount: Scalars['Int']['output'];
};

export type CustomerEdge = {
  __typename?: 'CustomerEdge';
  cursor: Scalars['String']['output'];
  node: Customer;
};

export type CustomerFilter = {
  abcClass?: InputMaybe<Array<AbcClass>>;
  industry?: InputMaybe<Scalars['String']['input']>;
  kind?: InputMaybe<Array<CustomerKind>>;
  ownerId?: InputMaybe<Scalars['ID']['input']>;
  region?: InputMaybe<Array<Region>>;
  /** Part of the name, short name or archive number */
  search?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<Array<ArchiveStatus>>;
};

/** 客户类型: enterprise, individual 顾客, government 政府机构, partner 交易伙伴, special 特殊公司 */
export type CustomerKind =
  | 'ENTERPRISE'
  | 'GOVERNMENT'
  | 'INDIVIDUAL'
  | 'PARTNER'
  | 'SPECIAL';

export type CustomerOrder = {
  direction?: SortDirection;
  field: CustomerSortField;
};

export type CustomerSortField =
  | 'ARCHIVE_NO'
  | 'CREATED_AT'
  | 'NAME'
  | 'TRADE_TOTAL'
  | 'UPDATED_AT';

/** 客户来源 */
export type CustomerSource =
  | 'EMAIL'
  | 'EXHIBITION'
  | 'FRIEND'
  | 'OTHER'
  | 'PHONE'
  | 'PRINT_AD'
  | 'REFERRAL'
  | 'WEBSITE_AD'
  | 'YELLOW_PAGES';

/** 企业性质 */
export type EnterpriseNature =
  | 'FOREIGN_OWNED'
  | 'JOINT_STOCK'
  | 'JOINT_VENTURE'
  | 'PARTNERSHIP'
  | 'PRIVATE'
  | 'STATE_OWNED';

/** UNDISCLOSED when the person did not say or it was not recorded */
export type Gender =
  | 'FEMALE'
  | 'MALE'
  | 'UNDISCLOSED';

/** 行业地位 */
export type IndustryPosition =
  | 'AVERAGE'
  | 'INFLUENTIAL'
  | 'LEADER'
  | 'SMALL';

/** The caller, as the token says, and the employee behind it. */
export type Me = {
  __typename?: 'Me';
  roles: Array<Role>;
  subject: Scalars['String']['output'];
  user?: Maybe<User>;
};

export type Mutation = {
  __typename?: 'Mutation';
  createComplaint: Complaint;
  createContact: Contact;
  createCustomer: Customer;
  createTrade: Trade;
  createVisit: Visit;
  updateComplaint: Complaint;
  updateContact: Contact;
  updateCustomer: Customer;
  updateTrade: Trade;
  updateVisit: Visit;
};


export type MutationCreateComplaintArgs = {
  input: CreateComplaintInput;
};


export type MutationCreateContactArgs = {
  input: CreateContactInput;
};


export type MutationCreateCustomerArgs = {
  input: CreateCustomerInput;
};


export type MutationCreateTradeArgs = {
  input: CreateTradeInput;
};


export type MutationCreateVisitArgs = {
  input: CreateVisitInput;
};


export type MutationUpdateComplaintArgs = {
  input: UpdateComplaintInput;
};


export type MutationUpdateContactArgs = {
  input: UpdateContactInput;
};


export type MutationUpdateCustomerArgs = {
  input: UpdateCustomerInput;
};


export type MutationUpdateTradeArgs = {
  input: UpdateTradeInput;
};


export type MutationUpdateVisitArgs = {
  input: UpdateVisitInput;
};

export type Node = {
  /** Opaque global id, accepted by node(id) and the type's own lookup. */
  id: Scalars['ID']['output'];
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor?: Maybe<Scalars['String']['output']>;
};

/** Paid in cash (现款) or on credit (赊账); orders on credit are held to the customer's credit limit */
export type PaymentMethod =
  | 'CASH'
  | 'CREDIT';

/** Where the payment for a trade stands */
export type PaymentStatus =
  | 'OVERDUE'
  | 'PAID'
  | 'PARTIAL'
  | 'UNPAID';

/** 结算方式 */
export type PaymentTerms =
  | 'CASH_ON_DELIVERY'
  | 'NET_30'
  | 'NET_60'
  | 'NET_90'
  | 'ON_INVOICE';

export type Query = {
  __typename?: 'Query';
  /** Null when missing or not visible to the caller. */
  complaint?: Maybe<Complaint>;
  /** Complaints of the archives the caller may see. */
  complaints: ComplaintConnection;
  /** Null when missing or not visible to the caller. */
  contact?: Maybe<Contact>;
  /** Contacts of the archives the caller may see. */
  contacts: ContactConnection;
  /** Null when missing or not visible to the caller. */
  customer?: Maybe<Customer>;
  /** Archives the caller may see. */
  customers: CustomerConnection;
  me: Me;
  /** Any record by its global id; null when missing or not visible. */
  node?: Maybe<Node>;
  /** Null when missing or not visible to the caller. */
  trade?: Maybe<Trade>;
  /** Trades of the customers the caller may see; newest first by default. */
  trades: TradeConnection;
  /** Null when missing or not visible to the caller. */
  visit?: Maybe<Visit>;
  /** Visits and other touches with the archives the caller may see. */
  visits: VisitConnection;
};


export type QueryComplaintArgs = {
  id: Scalars['ID']['input'];
};


export type QueryComplaintsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ComplaintFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<ComplaintOrder>;
};


export type QueryContactArgs = {
  id: Scalars['ID']['input'];
};


export type QueryContactsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ContactFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<ContactOrder>;
};


export type QueryCustomerArgs = {
  id: Scalars['ID']['input'];
};


export type QueryCustomersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<CustomerFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<CustomerOrder>;
};


export type QueryNodeArgs = {
  id: Scalars['ID']['input'];
};


export type QueryTradeArgs = {
  id: Scalars['ID']['input'];
};


export type QueryTradesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<TradeFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<TradeOrder>;
};


export type QueryVisitArgs = {
  id: Scalars['ID']['input'];
};


export type QueryVisitsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<VisitFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<VisitOrder>;
};

/** 区域: 华北 NORTH, 华东 EAST, 华南 SOUTH, 华中 CENTRAL, 西南 SOUTHWEST, 西北 NORTHWEST, 东北 NORTHEAST */
export type Region =
  | 'CENTRAL'
  | 'EAST'
  | 'NORTH'
  | 'NORTHEAST'
  | 'NORTHWEST'
  | 'SOUTH'
  | 'SOUTHWEST';

/** Role of an employee or a caller */
export type Role =
  | 'ANALYST'
  | 'ARCHIVE_ADMIN'
  | 'CUSTOMER_SERVICE'
  | 'FINANCE'
  | 'GENERAL_MANAGER'
  | 'PARTNER'
  | 'SALES_MANAGER'
  | 'SALES_REP';

export type Severity =
  | 'CRITICAL'
  | 'HIGH'
  | 'LOW'
  | 'MEDIUM';

export type SortDirection =
  | 'ASC'
  | 'DESC';

/** An order, contract, delivery, payment or return of a customer (交易记录). */
export type Trade = Node & {
  __typename?: 'Trade';
  /** 交易金额 (CNY), never negative: a RETURN counts against the total by its kind */
  amount: Scalars['Decimal']['output'];
  createdAt: Scalars['DateTime']['output'];
  customer: Customer;
  /** 是否有违约情况 */
  defaulted: Scalars['Boolean']['output'];
  dueAt?: Maybe<Scalars['DateTime']['output']>;
  /** 交易负责人 */
  handler?: Maybe<User>;
  /** Opaque global id, accepted by node(id) and the type's own lookup. */
  id: Scalars['ID']['output'];
  kind: TradeKind;
  /** 备注 */
  notes?: Maybe<Scalars['String']['output']>;
  /** 交易时间 (UTC) */
  occurredAt: Scalars['DateTime']['output'];
  paymentMethod: PaymentMethod;
  paymentStatus: PaymentStatus;
  /** 交易地点 */
  place?: Maybe<Scalars['String']['output']>;
  product?: Maybe<Scalars['String']['output']>;
  quantity?: Maybe<Scalars['Int']['output']>;
  /** 交易编号: T + yyyymmdd + sequence unless given, unique */
  tradeNo: Scalars['String']['output'];
  updatedAt: Scalars['DateTime']['output'];
  /** Send it back with an update: a stale version is refused with CONFLICT. */
  version: Scalars['Int']['output'];
};

export type TradeConnection = {
  __typename?: 'TradeConnection';
  edges: Array<TradeEdge>;
  pageInfo: PageInfo;
  /** Rows matching the filter that the caller may see. */
  totalCount: Scalars['Int']['output'];
};

export type TradeEdge = {
  __typename?: 'TradeEdge';
  cursor: Scalars['String']['output'];
  node: Trade;
};

export type TradeFilter = {
  customerId?: InputMaybe<Scalars['ID']['input']>;
  defaulted?: InputMaybe<Scalars['Boolean']['input']>;
  kind?: InputMaybe<Array<TradeKind>>;
  /** occurredAt at or after this instant */
  occurredFrom?: InputMaybe<Scalars['DateTime']['input']>;
  /** occurredAt before this instant (exclusive) */
  occurredTo?: InputMaybe<Scalars['DateTime']['input']>;
  paymentStatus?: InputMaybe<Array<PaymentStatus>>;
};

/** 订单 ORDER, 合同 CONTRACT, 提货 DELIVERY, 回款 PAYMENT, 退货 RETURN */
export type TradeKind =
  | 'CONTRACT'
  | 'DELIVERY'
  | 'ORDER'
  | 'PAYMENT'
  | 'RETURN';

export type TradeOrder = {
  direction?: SortDirection;
  field: TradeSortField;
};

export type TradeSortField =
  | 'AMOUNT'
  | 'CREATED_AT'
  | 'OCCURRED_AT';

/** Only the fields given change; `version` must be the one last read. A complaint stays with its customer. */
export type UpdateComplaintInput = {
  category?: InputMaybe<ComplaintCategory>;
  channel?: InputMaybe<ComplaintChannel>;
  /** Who complained: a contact of the same customer; null clears it */
  contactId?: InputMaybe<Scalars['ID']['input']>;
  content?: InputMaybe<Scalars['String']['input']>;
  dueAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** An active employee; null unassigns */
  handlerId?: InputMaybe<Scalars['ID']['input']>;
  id: Scalars['ID']['input'];
  measures?: InputMaybe<Scalars['String']['input']>;
  /** Defaults to now on create */
  receivedAt?: InputMaybe<Scalars['DateTime']['input']>;
  resolution?: InputMaybe<Scalars['String']['input']>;
  resolvedAt?: InputMaybe<Scalars['DateTime']['input']>;
  satisfaction?: InputMaybe<Scalars['Int']['input']>;
  severity?: InputMaybe<Severity>;
  /** Only forward: OPEN → IN_PROGRESS → RESOLVED → CLOSED */
  status?: InputMaybe<ComplaintStatus>;
  version: Scalars['Int']['input'];
};

/** Only the fields given change; `version` must be the one last read. A contact stays with its customer. */
export type UpdateContactInput = {
  birthday?: InputMaybe<Scalars['String']['input']>;
  consentAt?: InputMaybe<Scalars['DateTime']['input']>;
  consentPurpose?: InputMaybe<Scalars['String']['input']>;
  education?: InputMaybe<Scalars['String']['input']>;
  email?: InputMaybe<Scalars['String']['input']>;
  family?: InputMaybe<Scalars['String']['input']>;
  fax?: InputMaybe<Scalars['String']['input']>;
  gender?: InputMaybe<Gender>;
  hobbies?: InputMaybe<Scalars['String']['input']>;
  hometown?: InputMaybe<Scalars['String']['input']>;
  id: Scalars['ID']['input'];
  /** True makes this the primary contact and clears the flag on the others. */
  isPrimary?: InputMaybe<Scalars['Boolean']['input']>;
  mobile?: InputMaybe<Scalars['String']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  phone?: InputMaybe<Scalars['String']['input']>;
  role?: InputMaybe<ContactRole>;
  title?: InputMaybe<Scalars['String']['input']>;
  version: Scalars['Int']['input'];
  wechat?: InputMaybe<Scalars['String']['input']>;
};

/** Only the fields given change; `version` must be the one last read. */
export type UpdateCustomerInput = {
  address?: InputMaybe<Scalars['String']['input']>;
  bankAccount?: InputMaybe<Scalars['String']['input']>;
  bankName?: InputMaybe<Scalars['String']['input']>;
  businessDirection?: InputMaybe<Scalars['String']['input']>;
  businessMode?: InputMaybe<BusinessMode>;
  businessPhilosophy?: InputMaybe<Scalars['String']['input']>;
  businessScope?: InputMaybe<Scalars['String']['input']>;
  category?: InputMaybe<CustomerCategory>;
  city?: InputMaybe<Scalars['String']['input']>;
  contactPolicy?: InputMaybe<Scalars['String']['input']>;
  creditAssessment?: InputMaybe<Scalars['String']['input']>;
  creditCode?: InputMaybe<Scalars['String']['input']>;
  creditLevel?: InputMaybe<CreditLevel>;
  creditLimit?: InputMaybe<Scalars['Decimal']['input']>;
  creditTermDays?: InputMaybe<Scalars['Int']['input']>;
  district?: InputMaybe<Scalars['String']['input']>;
  email?: InputMaybe<Scalars['String']['input']>;
  employeeCount?: InputMaybe<Scalars['Int']['input']>;
  fax?: InputMaybe<Scalars['String']['input']>;
  foundedOn?: InputMaybe<Scalars['String']['input']>;
  growthPotential?: InputMaybe<Scalars['String']['input']>;
  id: Scalars['ID']['input'];
  industry?: InputMaybe<Scalars['String']['input']>;
  industryPosition?: InputMaybe<IndustryPosition>;
  kind?: InputMaybe<CustomerKind>;
  legalRepresentative?: InputMaybe<Scalars['String']['input']>;
  mainBrands?: InputMaybe<Scalars['String']['input']>;
  mainShareholders?: InputMaybe<Scalars['String']['input']>;
  marketShare?: InputMaybe<Scalars['Float']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  nature?: InputMaybe<EnterpriseNature>;
  /** Owner (业务员); defaults to the caller */
  ownerId?: InputMaybe<Scalars['ID']['input']>;
  paymentTerms?: InputMaybe<PaymentTerms>;
  phone?: InputMaybe<Scalars['String']['input']>;
  postcode?: InputMaybe<Scalars['String']['input']>;
  province?: InputMaybe<Scalars['String']['input']>;
  purchaseCycleDays?: InputMaybe<Scalars['Int']['input']>;
  region?: InputMaybe<Region>;
  registeredCapital?: InputMaybe<Scalars['Decimal']['input']>;
  salesCapability?: InputMaybe<Scalars['String']['input']>;
  salesLastYear?: InputMaybe<Scalars['Decimal']['input']>;
  salesThreeYearsAgo?: InputMaybe<Scalars['Decimal']['input']>;
  salesTwoYearsAgo?: InputMaybe<Scalars['Decimal']['input']>;
  scale?: InputMaybe<CompanyScale>;
  shortName?: InputMaybe<Scalars['String']['input']>;
  source?: InputMaybe<CustomerSource>;
  starRating?: InputMaybe<Scalars['Int']['input']>;
  version: Scalars['Int']['input'];
  website?: InputMaybe<Scalars['String']['input']>;
  yearsInBusiness?: InputMaybe<Scalars['Int']['input']>;
};

/** Only the fields given change; `version` must be the one last read. */
export type UpdateTradeInput = {
  amount?: InputMaybe<Scalars['Decimal']['input']>;
  /** The customer; its archive must be ACTIVE */
  customerId?: InputMaybe<Scalars['ID']['input']>;
  defaulted?: InputMaybe<Scalars['Boolean']['input']>;
  dueAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** 交易负责人; a new trade defaults to the caller */
  handlerId?: InputMaybe<Scalars['ID']['input']>;
  id: Scalars['ID']['input'];
  kind?: InputMaybe<TradeKind>;
  notes?: InputMaybe<Scalars['String']['input']>;
  occurredAt?: InputMaybe<Scalars['DateTime']['input']>;
  paymentMethod?: InputMaybe<PaymentMethod>;
  paymentStatus?: InputMaybe<PaymentStatus>;
  place?: InputMaybe<Scalars['String']['input']>;
  product?: InputMaybe<Scalars['String']['input']>;
  quantity?: InputMaybe<Scalars['Int']['input']>;
  version: Scalars['Int']['input'];
};

/** Only the fields given change; `version` must be the one last read. A visit stays with its customer. */
export type UpdateVisitInput = {
  /** A contact of the same customer; null clears it */
  contactId?: InputMaybe<Scalars['ID']['input']>;
  id: Scalars['ID']['input'];
  kind?: InputMaybe<VisitKind>;
  needs?: InputMaybe<Scalars['String']['input']>;
  nextFollowUpAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** Null while still planned */
  occurredAt?: InputMaybe<Scalars['DateTime']['input']>;
  outcome?: InputMaybe<Scalars['String']['input']>;
  /** Defaults to occurredAt on create */
  plannedAt?: InputMaybe<Scalars['DateTime']['input']>;
  subject?: InputMaybe<Scalars['String']['input']>;
  summary?: InputMaybe<Scalars['String']['input']>;
  /** An active employee; defaults to the caller on create */
  userId?: InputMaybe<Scalars['ID']['input']>;
  version: Scalars['Int']['input'];
};

/** An employee (业务员, 客服, 财务 …). */
export type User = Node & {
  __typename?: 'User';
  /** False once the employee has left; their customers are handed over. */
  active: Scalars['Boolean']['output'];
  createdAt: Scalars['DateTime']['output'];
  /** Archives this employee owns that the caller may see. */
  customers: CustomerConnection;
  /** 部门 */
  department: Scalars['String']['output'];
  /** Opaque global id, accepted by node(id) and the type's own lookup. */
  id: Scalars['ID']['output'];
  leftAt?: Maybe<Scalars['DateTime']['output']>;
  name: Scalars['String']['output'];
  role: Role;
  updatedAt: Scalars['DateTime']['output'];
  /** Send it back with an update: a stale version is refused with CONFLICT. */
  version: Scalars['Int']['output'];
};


/** An employee (业务员, 客服, 财务 …). */
export type UserCustomersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

/** A visit, call, message or greeting to a customer (拜访与沟通记录). */
export type Visit = Node & {
  __typename?: 'Visit';
  /** Who was met, called or greeted. */
  contact?: Maybe<Contact>;
  createdAt: Scalars['DateTime']['output'];
  customer?: Maybe<Customer>;
  /** Opaque global id, accepted by node(id) and the type's own lookup. */
  id: Scalars['ID']['output'];
  kind: VisitKind;
  /** 客户需求 */
  needs?: Maybe<Scalars['String']['output']>;
  /** Next follow-up; overdue ones are listed for each employee */
  nextFollowUpAt?: Maybe<Scalars['DateTime']['output']>;
  /** When it happened; null while still planned */
  occurredAt?: Maybe<Scalars['DateTime']['output']>;
  /** 结果 */
  outcome?: Maybe<Scalars['String']['output']>;
  /** When it was scheduled; for an unplanned touch, when it happened */
  plannedAt: Scalars['DateTime']['output'];
  /** 主题 */
  subject: Scalars['String']['output'];
  /** 交流内容 */
  summary?: Maybe<Scalars['String']['output']>;
  updatedAt: Scalars['DateTime']['output'];
  /** The employee who made (or will make) it. */
  user?: Maybe<User>;
  /** Send it back with an update: a stale version is refused with CONFLICT. */
  version: Scalars['Int']['output'];
};

export type VisitConnection = {
  __typename?: 'VisitConnection';
  edges: Array<VisitEdge>;
  pageInfo: PageInfo;
  /** Rows matching the filter that the caller may see. */
  totalCount: Scalars['Int']['output'];
};

export type VisitEdge = {
  __typename?: 'VisitEdge';
  cursor: Scalars['String']['output'];
  node: Visit;
};

export type VisitFilter = {
  contactId?: InputMaybe<Scalars['ID']['input']>;
  customerId?: InputMaybe<Scalars['ID']['input']>;
  /** Next follow-up due before this time (overdue follow-ups: pass now) */
  followUpBefore?: InputMaybe<Scalars['DateTime']['input']>;
  kind?: InputMaybe<Array<VisitKind>>;
  /** True: happened; false: still planned */
  occurred?: InputMaybe<Scalars['Boolean']['input']>;
  /** Happened before */
  occurredBefore?: InputMaybe<Scalars['DateTime']['input']>;
  /** Happened at or after */
  occurredFrom?: InputMaybe<Scalars['DateTime']['input']>;
  /** Planned before */
  plannedBefore?: InputMaybe<Scalars['DateTime']['input']>;
  /** Planned at or after */
  plannedFrom?: InputMaybe<Scalars['DateTime']['input']>;
  /** The employee */
  userId?: InputMaybe<Scalars['ID']['input']>;
};

/** Kind of touch: 拜访 VISIT, 电话 PHONE_CALL, EMAIL, WECHAT, MEETING, 节日问候/生日祝福 GREETING */
export type VisitKind =
  | 'EMAIL'
  | 'GREETING'
  | 'MEETING'
  | 'PHONE_CALL'
  | 'VISIT'
  | 'WECHAT';

export type VisitOrder = {
  direction?: SortDirection;
  field: VisitSortField;
};

export type VisitSortField =
  | 'CREATED_AT'
  | 'PLANNED_AT'
  | 'UPDATED_AT';

/** 客户等级: A top 20 %, B next 40 %, C the rest */
export type AbcClass =
  | 'A'
  | 'B'
  | 'C';

/** Lifecycle of an archive; new archives wait for a sales manager's approval */
export type ArchiveStatus =
  | 'ACTIVE'
  | 'DESTROYED'
  | 'DORMANT'
  | 'ENDED'
  | 'PENDING_APPROVAL';

/** 经营方式: 批发, 零售, 工程 */
export type BusinessMode =
  | 'PROJECT'
  | 'RETAIL'
  | 'WHOLESALE';

/** 规模 */
export type CompanyScale =
  | 'LARGE'
  | 'MEDIUM'
  | 'MICRO'
  | 'SMALL';

/** A new archive; it starts PENDING_APPROVAL with a generated archive number. */
export type CreateCustomerInput = {
  address?: string | null | undefined;
  bankAccount?: string | null | undefined;
  bankName?: string | null | undefined;
  businessDirection?: string | null | undefined;
  businessMode?: BusinessMode | null | undefined;
  businessPhilosophy?: string | null | undefined;
  businessScope?: string | null | undefined;
  category?: CustomerCategory | null | undefined;
  city?: string | null | undefined;
  contactPolicy?: string | null | undefined;
  creditAssessment?: string | null | undefined;
  creditCode?: string | null | undefined;
  creditLevel?: CreditLevel | null | undefined;
  creditLimit?: string | null | undefined;
  creditTermDays?: number | null | undefined;
  district?: string | null | undefined;
  email?: string | null | undefined;
  employeeCount?: number | null | undefined;
  fax?: string | null | undefined;
  foundedOn?: string | null | undefined;
  growthPotential?: string | null | undefined;
  industry?: string | null | undefined;
  industryPosition?: IndustryPosition | null | undefined;
  kind: CustomerKind;
  legalRepresentative?: string | null | undefined;
  mainBrands?: string | null | undefined;
  mainShareholders?: string | null | undefined;
  marketShare?: number | null | undefined;
  name: string;
  nature?: EnterpriseNature | null | undefined;
  /** Owner (业务员); defaults to the caller */
  ownerId?: string | number | null | undefined;
  paymentTerms?: PaymentTerms | null | undefined;
  phone?: string | null | undefined;
  postcode?: string | null | undefined;
  province?: string | null | undefined;
  purchaseCycleDays?: number | null | undefined;
  region?: Region | null | undefined;
  registeredCapital?: string | null | undefined;
  salesCapability?: string | null | undefined;
  salesLastYear?: string | null | undefined;
  salesThreeYearsAgo?: string | null | undefined;
  salesTwoYearsAgo?: string | null | undefined;
  scale?: CompanyScale | null | undefined;
  shortName?: string | null | undefined;
  source?: CustomerSource | null | undefined;
  starRating?: number | null | undefined;
  website?: string | null | undefined;
  yearsInBusiness?: number | null | undefined;
};

/** 信用等级 */
export type CreditLevel =
  | 'A'
  | 'AA'
  | 'AAA'
  | 'B'
  | 'C'
  | 'D';

/** 客户类别: potential/current/lost × end customer/agent 代理 */
export type CustomerCategory =
  | 'CURRENT_AGENT'
  | 'CURRENT_END'
  | 'LOST_AGENT'
  | 'LOST_END'
  | 'POTENTIAL_AGENT'
  | 'POTENTIAL_END';

export type CustomerFilter = {
  abcClass?: Array<AbcClass> | null | undefined;
  industry?: string | null | undefined;
  kind?: Array<CustomerKind> | null | undefined;
  ownerId?: string | number | null | undefined;
  region?: Array<Region> | null | undefined;
  /** Part of the name, short name or archive number */
  search?: string | null | undefined;
  status?: Array<ArchiveStatus> | null | undefined;
};

/** 客户类型: enterprise, individual 顾客, government 政府机构, partner 交易伙伴, special 特殊公司 */
export type CustomerKind =
  | 'ENTERPRISE'
  | 'GOVERNMENT'
  | 'INDIVIDUAL'
  | 'PARTNER'
  | 'SPECIAL';

export type CustomerOrder = {
  direction?: SortDirection;
  field: CustomerSortField;
};

export type CustomerSortField =
  | 'ARCHIVE_NO'
  | 'CREATED_AT'
  | 'NAME'
  | 'TRADE_TOTAL'
  | 'UPDATED_AT';

/** 客户来源 */
export type CustomerSource =
  | 'EMAIL'
  | 'EXHIBITION'
  | 'FRIEND'
  | 'OTHER'
  | 'PHONE'
  | 'PRINT_AD'
  | 'REFERRAL'
  | 'WEBSITE_AD'
  | 'YELLOW_PAGES';

/** 企业性质 */
export type EnterpriseNature =
  | 'FOREIGN_OWNED'
  | 'JOINT_STOCK'
  | 'JOINT_VENTURE'
  | 'PARTNERSHIP'
  | 'PRIVATE'
  | 'STATE_OWNED';

/** 行业地位 */
export type IndustryPosition =
  | 'AVERAGE'
  | 'INFLUENTIAL'
  | 'LEADER'
  | 'SMALL';

/** 结算方式 */
export type PaymentTerms =
  | 'CASH_ON_DELIVERY'
  | 'NET_30'
  | 'NET_60'
  | 'NET_90'
  | 'ON_INVOICE';

/** 区域: 华北 NORTH, 华东 EAST, 华南 SOUTH, 华中 CENTRAL, 西南 SOUTHWEST, 西北 NORTHWEST, 东北 NORTHEAST */
export type Region =
  | 'CENTRAL'
  | 'EAST'
  | 'NORTH'
  | 'NORTHEAST'
  | 'NORTHWEST'
  | 'SOUTH'
  | 'SOUTHWEST';

/** Role of an employee or a caller */
export type Role =
  | 'ANALYST'
  | 'ARCHIVE_ADMIN'
  | 'CUSTOMER_SERVICE'
  | 'FINANCE'
  | 'GENERAL_MANAGER'
  | 'PARTNER'
  | 'SALES_MANAGER'
  | 'SALES_REP';

export type SortDirection =
  | 'ASC'
  | 'DESC';

/** Only the fields given change; `version` must be the one last read. */
export type UpdateCustomerInput = {
  address?: string | null | undefined;
  bankAccount?: string | null | undefined;
  bankName?: string | null | undefined;
  businessDirection?: string | null | undefined;
  businessMode?: BusinessMode | null | undefined;
  businessPhilosophy?: string | null | undefined;
  businessScope?: string | null | undefined;
  category?: CustomerCategory | null | undefined;
  city?: string | null | undefined;
  contactPolicy?: string | null | undefined;
  creditAssessment?: string | null | undefined;
  creditCode?: string | null | undefined;
  creditLevel?: CreditLevel | null | undefined;
  creditLimit?: string | null | undefined;
  creditTermDays?: number | null | undefined;
  district?: string | null | undefined;
  email?: string | null | undefined;
  employeeCount?: number | null | undefined;
  fax?: string | null | undefined;
  foundedOn?: string | null | undefined;
  growthPotential?: string | null | undefined;
  id: string | number;
  industry?: string | null | undefined;
  industryPosition?: IndustryPosition | null | undefined;
  kind?: CustomerKind | null | undefined;
  legalRepresentative?: string | null | undefined;
  mainBrands?: string | null | undefined;
  mainShareholders?: string | null | undefined;
  marketShare?: number | null | undefined;
  name?: string | null | undefined;
  nature?: EnterpriseNature | null | undefined;
  /** Owner (业务员); defaults to the caller */
  ownerId?: string | number | null | undefined;
  paymentTerms?: PaymentTerms | null | undefined;
  phone?: string | null | undefined;
  postcode?: string | null | undefined;
  province?: string | null | undefined;
  purchaseCycleDays?: number | null | undefined;
  region?: Region | null | undefined;
  registeredCapital?: string | null | undefined;
  salesCapability?: string | null | undefined;
  salesLastYear?: string | null | undefined;
  salesThreeYearsAgo?: string | null | undefined;
  salesTwoYearsAgo?: string | null | undefined;
  scale?: CompanyScale | null | undefined;
  shortName?: string | null | undefined;
  source?: CustomerSource | null | undefined;
  starRating?: number | null | undefined;
  version: number;
  website?: string | null | undefined;
  yearsInBusiness?: number | null | undefined;
};

export type CustomerCoreFragment = { id: string, archiveNo: string, name: string, creditCode: string | null, kind: CustomerKind, region: Region | null, status: ArchiveStatus, abcClass: AbcClass, email: string | null, phone: string | null, creditLimit: string, tradeCount: number, tradeTotal: string, firstTradeAt: string | null, lastTradeAt: string | null, version: number, createdAt: string, updatedAt: string };

export type CustomersQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
  filter?: CustomerFilter | null | undefined;
  orderBy?: CustomerOrder | null | undefined;
}>;


export type CustomersQuery = { customers: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, archiveNo: string, name: string, abcClass: AbcClass, tradeTotal: string, createdAt: string } }> } };

export type CustomerQueryVariables = Exact<{
  id: string | number;
}>;


export type CustomerQuery = { customer: { id: string, archiveNo: string, name: string, creditCode: string | null, kind: CustomerKind, region: Region | null, status: ArchiveStatus, abcClass: AbcClass, email: string | null, phone: string | null, creditLimit: string, tradeCount: number, tradeTotal: string, firstTradeAt: string | null, lastTradeAt: string | null, version: number, createdAt: string, updatedAt: string, owner: { id: string, name: string } | null } | null };

export type NodeQueryVariables = Exact<{
  id: string | number;
}>;


export type NodeQuery = { node:
    | { __typename: 'BaseRecord', id: string }
    | { __typename: 'Complaint', id: string }
    | { __typename: 'Contact', id: string }
    | { __typename: 'Customer', archiveNo: string, name: string, id: string }
    | { __typename: 'Trade', id: string }
    | { __typename: 'User', id: string }
    | { __typename: 'Visit', id: string }
   | null };

export type CreateCustomerMutationVariables = Exact<{
  input: CreateCustomerInput;
}>;


export type CreateCustomerMutation = { createCustomer: { id: string, archiveNo: string, name: string, creditCode: string | null, kind: CustomerKind, region: Region | null, status: ArchiveStatus, abcClass: AbcClass, email: string | null, phone: string | null, creditLimit: string, tradeCount: number, tradeTotal: string, firstTradeAt: string | null, lastTradeAt: string | null, version: number, createdAt: string, updatedAt: string, owner: { id: string } | null } };

export type UpdateCustomerMutationVariables = Exact<{
  input: UpdateCustomerInput;
}>;


export type UpdateCustomerMutation = { updateCustomer: { id: string, archiveNo: string, name: string, creditCode: string | null, kind: CustomerKind, region: Region | null, status: ArchiveStatus, abcClass: AbcClass, email: string | null, phone: string | null, creditLimit: string, tradeCount: number, tradeTotal: string, firstTradeAt: string | null, lastTradeAt: string | null, version: number, createdAt: string, updatedAt: string } };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { subject: string, roles: Array<Role>, user: { id: string, name: string, role: Role } | null } };

export const CustomerCoreFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CustomerCore"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Customer"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"archiveNo"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"creditCode"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"abcClass"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"creditLimit"}},{"kind":"Field","name":{"kind":"Name","value":"tradeCount"}},{"kind":"Field","name":{"kind":"Name","value":"tradeTotal"}},{"kind":"Field","name":{"kind":"Name","value":"firstTradeAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastTradeAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<CustomerCoreFragment, unknown>;
export const CustomersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Customers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"last"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"before"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"CustomerFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"CustomerOrder"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"last"},"value":{"kind":"Variable","name":{"kind":"Name","value":"last"}}},{"kind":"Argument","name":{"kind":"Name","value":"before"},"value":{"kind":"Variable","name":{"kind":"Name","value":"before"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"archiveNo"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"abcClass"}},{"kind":"Field","name":{"kind":"Name","value":"tradeTotal"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]}}]}}]} as unknown as DocumentNode<CustomersQuery, CustomersQueryVariables>;
export const CustomerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Customer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CustomerCore"}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CustomerCore"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Customer"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"archiveNo"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"creditCode"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"abcClass"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"creditLimit"}},{"kind":"Field","name":{"kind":"Name","value":"tradeCount"}},{"kind":"Field","name":{"kind":"Name","value":"tradeTotal"}},{"kind":"Field","name":{"kind":"Name","value":"firstTradeAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastTradeAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<CustomerQuery, CustomerQueryVariables>;
export const NodeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Node"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Customer"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"archiveNo"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<NodeQuery, NodeQueryVariables>;
export const CreateCustomerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateCustomer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateCustomerInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createCustomer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CustomerCore"}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CustomerCore"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Customer"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"archiveNo"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"creditCode"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"abcClass"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"creditLimit"}},{"kind":"Field","name":{"kind":"Name","value":"tradeCount"}},{"kind":"Field","name":{"kind":"Name","value":"tradeTotal"}},{"kind":"Field","name":{"kind":"Name","value":"firstTradeAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastTradeAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<CreateCustomerMutation, CreateCustomerMutationVariables>;
export const UpdateCustomerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateCustomer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateCustomerInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateCustomer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CustomerCore"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CustomerCore"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Customer"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"archiveNo"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"creditCode"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"abcClass"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"creditLimit"}},{"kind":"Field","name":{"kind":"Name","value":"tradeCount"}},{"kind":"Field","name":{"kind":"Name","value":"tradeTotal"}},{"kind":"Field","name":{"kind":"Name","value":"firstTradeAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastTradeAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<UpdateCustomerMutation, UpdateCustomerMutationVariables>;
export const MeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"role"}}]}}]}}]}}]} as unknown as DocumentNode<MeQuery, MeQueryVariables>;