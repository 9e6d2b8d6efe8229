import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseRecord, Node } from '../common/base.entity';
import { DecimalScalar, UNSERVABLE_MONEY } from '../common/decimal.scalar';
import { DateColumn, EnumColumn, MoneyColumn, OptionalMoneyColumn, TextColumn, TimeColumn } from '../db/columns';
import { User } from '../users/user.entity';
import { creditNote } from '../auth/fields';
import {
  AbcClass,
  ArchiveStatus,
  BusinessMode,
  CompanyScale,
  CreditLevel,
  CustomerCategory,
  CustomerKind,
  CustomerSource,
  EnterpriseNature,
  IndustryPosition,
  PaymentTerms,
  Region,
} from './customer.enums';

const opt = { nullable: true } as const;

/** The index of a region's archives of one class in trade total order (see below). */
export const REGION_CLASS_TRADE_TOTAL = 'idx_customer_region_class_trade_total';

/**
 * One customer's archive (客户档案). Credit fields are confidential: see auth/policy.ts.
 * simpleResolvers: plain fields are read by graphql-js's default resolver, without a
 * type-graphql wrapper per field (the access rules wrap the fields that need them).
 */
@ObjectType({ implements: Node, simpleResolvers: true, description: 'A customer archive (客户档案).' })
@Entity()
@Index(['abcClass', 'id'])
// A region's archives of a class by trade total (the filtered list, issue 17): a page is one range of
// this index read in order, and its totalCount a count of that range in the index alone. It replaces
// (region, id), whose intersection with (abc_class, id) MariaDB preferred to it, sorting a whole
// region's class for each page. Named: the list names it to MariaDB (customer.service.ts).
@Index(REGION_CLASS_TRADE_TOTAL, ['region', 'abcClass', 'tradeTotal', 'id'])
// customerStats of an analyst's common dimensions and totals (issue 17): a class range of this narrow
// index instead of a million wide rows for each request.
@Index(['abcClass', 'region', 'industry', 'tradeTotal', 'tradeCount', 'starRating'])
@Index(['name', 'id'])
@Index(['createdAt', 'id'])
@Index(['updatedAt', 'id'])
@Index(['tradeTotal', 'id'])
@Index(['lastTradeAt', 'id'])
// The worklists of the contact cadence, decline alerts and surveys (src/cadence, src/care): one index range each.
// The two owner worklists read (owner, ACTIVE, due ≤ now) in due order; abcClass, after id so the
// order stays, lets their totalCount count in the index alone, row scope included (without it MariaDB
// counted a rep's 70,000 overdue customers of a million by intersecting the owner and status indexes).
@Index(['ownerId', 'status', 'followUpDueAt', 'id', 'abcClass'])
@Index(['ownerId', 'status', 'nextPurchaseDueAt', 'id', 'abcClass'])
@Index(['surveyDueAt', 'id'])
@Index(['foundedKey', 'id'])
@Index(['firstTradeKey', 'id'])
export class Customer extends BaseRecord {
  // ── identity ──
  @Field({ description: '档案编号: region code + year + sequence, unique, never reused' })
  @Index('uq_customer_archive_no', { unique: true })
  @TextColumn(32)
  archiveNo: string;
  @Field({ description: '客户名称' }) @TextColumn(128) name: string;
  /** The name without legal form, 集团 and brackets (name-key.ts): what 查重 compares. Kept by the service with the name. */
  @Index() @TextColumn(128, { default: '' }) nameKey: string;
  @Field(() => String, { ...opt, description: '简称' }) @TextColumn(64, opt) shortName: string | null;
  @Field(() => String, {
    ...opt,
    description:
      '统一社会信用代码 (18 characters): at most one approved archive per code; a draft with a code already on file is flagged at approval',
  })
  @Index()
  @TextColumn(18, opt)
  creditCode: string | null;
  /** The credit code once the archive is approved: unique, so no two approved archives share one (drafts may, until a manager decides). */
  @Index('uq_customer_credit_code_key', { unique: true }) @TextColumn(18, opt) creditCodeKey: string | null;
  @Field(() => CustomerKind) @EnumColumn() kind: CustomerKind;
  @Field(() => EnterpriseNature, opt) @EnumColumn(opt) nature: EnterpriseNature | null;
  @Field(() => String, { ...opt, description: '行业' }) @Index() @TextColumn(64, opt) industry: string | null;
  @Field(() => Region, opt) @EnumColumn(opt) region: Region | null;
  @Field(() => String, opt) @TextColumn(32, opt) province: string | null;
  @Field(() => String, opt) @TextColumn(32, opt) city: string | null;
  @Field(() => String, opt) @TextColumn(32, opt) district: string | null;
  @Field(() => String, { ...opt, description: '通讯地址' }) @TextColumn(255, opt) address: string | null;
  @Field(() => String, { ...opt, description: '邮编 (6 digits)' }) @TextColumn(6, opt) postcode: string | null;
  @Field(() => String, { ...opt, description: '电话 with area code, e.g. 010-12345678' }) @TextColumn(32, opt) phone:
    string | null;
  @Field(() => String, opt) @TextColumn(32, opt) fax: string | null;
  @Field(() => String, opt) @TextColumn(128, opt) email: string | null;
  @Field(() => String, opt) @TextColumn(255, opt) website: string | null;

  // ── business profile ──
  @Field(() => String, { ...opt, description: '法定代表人' }) @TextColumn(64, opt) legalRepresentative: string | null;
  @Field(() => DecimalScalar, { ...opt, description: '注册资本 (CNY)' }) @OptionalMoneyColumn() registeredCapital:
    string | null;
  @Field(() => String, { ...opt, description: '成立日期 (YYYY-MM-DD)' }) @DateColumn() foundedOn: string | null;
  @Field(() => String, { ...opt, description: '主要股东' }) @TextColumn(255, opt) mainShareholders: string | null;
  @Field(() => String, { ...opt, description: '经营范围' }) @TextColumn(1000, opt) businessScope: string | null;
  @Field(() => String, { ...opt, description: '主营品牌' }) @TextColumn(255, opt) mainBrands: string | null;
  @Field(() => BusinessMode, opt) @EnumColumn(opt) businessMode: BusinessMode | null;
  @Field(() => Int, opt) @Column({ type: 'int', nullable: true }) employeeCount: number | null;
  @Field(() => CompanyScale, opt) @EnumColumn(opt) scale: CompanyScale | null;
  @Field(() => Int, { ...opt, description: '从业时间 in years' })
  @Column({ type: 'int', nullable: true })
  yearsInBusiness: number | null;
  @Field(() => IndustryPosition, opt) @EnumColumn(opt) industryPosition: IndustryPosition | null;
  @Field(() => DecimalScalar, { ...opt, description: '近3年销售业绩: last year' })
  @OptionalMoneyColumn()
  salesLastYear: string | null;
  @Field(() => DecimalScalar, { ...opt, description: 'sales two years ago' }) @OptionalMoneyColumn() salesTwoYearsAgo:
    string | null;
  @Field(() => DecimalScalar, { ...opt, description: 'sales three years ago' })
  @OptionalMoneyColumn()
  salesThreeYearsAgo: string | null;
  @Field(() => Float, { ...opt, description: '市场占有率 in percent' })
  @Column({
    type: 'decimal',
    precision: 5,
    scale: 2,
    nullable: true,
    transformer: { to: (v) => v, from: (v) => (v == null ? null : Number(v)) },
  })
  marketShare: number | null;
  @Field(() => String, { ...opt, description: '销售能力' }) @TextColumn(255, opt) salesCapability: string | null;
  @Field(() => String, { ...opt, description: '发展潜力' }) @TextColumn(255, opt) growthPotential: string | null;
  @Field(() => String, { ...opt, description: '经营观念' }) @TextColumn(255, opt) businessPhilosophy: string | null;
  @Field(() => String, { ...opt, description: '经营方向' }) @TextColumn(255, opt) businessDirection: string | null;

  // ── acquisition and lifecycle ──
  @Field(() => CustomerSource, opt) @EnumColumn(opt) source: CustomerSource | null;
  @Field(() => CustomerCategory) @EnumColumn({ default: CustomerCategory.POTENTIAL_END }) category: CustomerCategory;
  @Field(() => ArchiveStatus) @Index() @EnumColumn({ default: ArchiveStatus.PENDING_APPROVAL }) status: ArchiveStatus;
  @Index() @Column({ type: 'int', nullable: true }) ownerId: number | null;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'owner_id' }) ownerRow?: User;
  @Column({ type: 'int', nullable: true }) createdById: number | null;
  @Field(() => Date, {
    ...opt,
    description: 'When a manager approved the draft (建档审批); set only by approveArchive',
  })
  @TimeColumn(opt)
  approvedAt: Date | null;
  @Column({ type: 'int', nullable: true }) approvedById: number | null;
  @Field(() => String, { ...opt, description: 'Why a manager rejected the draft; set only by rejectArchive' })
  @TextColumn(500, opt)
  rejectionReason: string | null;
  @Field(() => Date, { ...opt, description: 'When the archive was last checked (定期核实); set by verifyArchive' })
  @TimeColumn(opt)
  verifiedAt: Date | null;
  @Column({ type: 'int', nullable: true }) verifiedById: number | null;
  @Field(() => Date, {
    ...opt,
    description: 'When the relationship ended (endRelationship): the retention period counts from here',
  })
  @TimeColumn(opt)
  endedAt: Date | null;
  /** The archive a MERGED duplicate was merged into; lookups of it answer with that archive. */
  @Column({ type: 'int', nullable: true }) mergedIntoId: number | null;

  // ── classification ──
  @Field(() => AbcClass, {
    description:
      '客户等级 (A, B, C): recomputed from 12 months of trade value by recomputeClasses unless a manager set it with overrideClass; ' +
      'A-class archives are confidential (see the role table), and the class sets the contact cadence',
  })
  @EnumColumn({ default: AbcClass.C })
  abcClass: AbcClass;
  @Field(() => String, {
    ...opt,
    description: 'Why a manager overrode the computed class (overrideClass); null when computed',
  })
  @TextColumn(255, opt)
  abcOverrideReason: string | null;
  @Field(() => Date, { ...opt, description: 'When a manager overrode the class; null when computed' })
  @TimeColumn(opt)
  abcOverriddenAt: Date | null;
  @Column({ type: 'int', nullable: true }) abcOverriddenById: number | null;
  @Field(() => Int, opt) @Column({ type: 'int', nullable: true }) starRating: number | null;
  @Field(() => String, { ...opt, description: '联系策略' }) @TextColumn(255, opt) contactPolicy: string | null;
  @Field(() => Int, {
    ...opt,
    description:
      '购买周期 in days: no order within it after the last one lists the customer in decliningCustomers (when null, the median gap between its orders counts)',
  })
  @Column({ type: 'int', nullable: true })
  purchaseCycleDays: number | null;

  // ── credit (confidential) ──
  @Field(() => CreditLevel, { ...opt, description: creditNote('信用等级') })
  @EnumColumn(opt)
  creditLevel: CreditLevel | null;
  @Field(() => DecimalScalar, { ...opt, description: creditNote('信用额度 (CNY)') }) @MoneyColumn() creditLimit: string;
  @Field(() => Int, { ...opt, description: creditNote('账期 in days') })
  @Column({ type: 'int', default: 0 })
  creditTermDays: number;
  @Field(() => PaymentTerms, { ...opt, description: creditNote('结算方式') })
  @EnumColumn(opt)
  paymentTerms: PaymentTerms | null;
  @Field(() => DecimalScalar, {
    ...opt,
    description: creditNote(
      '应收/欠款 (CNY): the opening balance plus credit orders minus payments; below 0 when the customer paid ahead',
    ),
  })
  @MoneyColumn()
  outstandingBalance: string;
  /** What the customer owed before its trades were recorded here: the ledger's start (trades/trade-stats.ts). */
  @MoneyColumn() openingBalance: string;
  @Field(() => String, { ...opt, description: creditNote('开户行') }) @TextColumn(128, opt) bankName: string | null;
  @Field(() => String, { ...opt, description: creditNote('账号') }) @TextColumn(64, opt) bankAccount: string | null;
  @Field(() => String, { ...opt, description: creditNote('资信评价') }) @TextColumn(1000, opt) creditAssessment:
    string | null;
  @Field(() => Date, { ...opt, description: creditNote('last quarterly credit review') })
  @TimeColumn(opt)
  lastCreditReviewAt: Date | null;

  // ── derived statistics, maintained by the trades service ──
  @Field(() => Int, { description: '交易次数: number of orders' })
  @Column({ type: 'int', default: 0 })
  tradeCount: number;
  @Field(() => DecimalScalar, { ...opt, description: `交易金额: orders minus returns (CNY). ${UNSERVABLE_MONEY}` })
  @MoneyColumn()
  tradeTotal: string;
  @Field(() => Date, { ...opt, description: '首次交易' }) @TimeColumn(opt) firstTradeAt: Date | null;
  @Field(() => Date, { ...opt, description: '最近交易' }) @TimeColumn(opt) lastTradeAt: Date | null;
  /** 成立日期 as month × 100 + day, for upcomingAnniversaries' index range; kept with foundedOn. */
  @Column({ type: 'int', nullable: true }) foundedKey: number | null;
  /** firstTradeAt likewise. */
  @Column({ type: 'int', nullable: true }) firstTradeKey: number | null;

  // ── contact cadence, decline alert and survey, derived from visits, orders, surveys and the class (src/cadence) ──
  @Field(() => Date, { ...opt, description: 'When the last phone call (PHONE_CALL) that happened took place' })
  @TimeColumn(opt)
  lastCallAt: Date | null;
  @Field(() => Date, { ...opt, description: 'When the last visit (VISIT) that happened took place' })
  @TimeColumn(opt)
  lastVisitAt: Date | null;
  @Field(() => Date, {
    ...opt,
    description: 'When the next call is due by the cadence of the class (from the last call, or from approval)',
  })
  @TimeColumn(opt)
  nextCallDueAt: Date | null;
  @Field(() => Date, {
    ...opt,
    description: 'When the next visit is due by the cadence of the class (from the last visit, or from approval)',
  })
  @TimeColumn(opt)
  nextVisitDueAt: Date | null;
  /** The earlier of the two: what overdueFollowUps pages by. */
  @TimeColumn(opt) followUpDueAt: Date | null;
  @Field(() => Date, { ...opt, description: 'When the last order that was not cancelled took place' })
  @TimeColumn(opt)
  lastOrderAt: Date | null;
  @Field(() => Date, {
    ...opt,
    description:
      'The last order plus the purchase cycle: no order by then is a decline (业务下滑); null without a cycle',
  })
  @TimeColumn(opt)
  nextPurchaseDueAt: Date | null;
  @Field(() => Date, { ...opt, description: 'When the customer last answered a satisfaction survey (recordSurvey)' })
  @TimeColumn(opt)
  lastSurveyedAt: Date | null;
  @Field(() => Date, {
    ...opt,
    description: 'When the next satisfaction survey is due (from the last one, or from approval)',
  })
  @TimeColumn(opt)
  surveyDueAt: Date | null;

  /** Last per-archive trade number handed out (generated trade numbers are archive number + sequence). */
  @Column({ type: 'int', default: 0 }) tradeSeq: number;
}
