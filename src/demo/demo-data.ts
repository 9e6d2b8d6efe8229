import { ROLES } from '../auth/roles';
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
} from '../customers/customer.enums';
import { Rng } from './random';
import { BRANDS, COMPANY_SUFFIXES, DEPARTMENTS, GIVEN, HOBBIES, INDUSTRIES, PLACES, SURNAMES, TITLES } from './words';
import { nameKey } from '../customers/name-key';
import { cents, fromCents } from '../common/money';
import { DEFAULT_RULES } from '../config/rules';
import { careDues } from '../cadence/care-dues';
import { purchaseDue } from '../cadence/purchase-due';
import { dayKey } from '../care/day-key';

const DAY = 86_400_000;
/** Demo data is dated relative to a fixed day, so reruns produce identical rows. */
export const DEMO_EPOCH = Date.UTC(2026, 10, 1);
const REGION_CODE = {
  NORTH: 'HB',
  EAST: 'HD',
  SOUTH: 'HN',
  CENTRAL: 'HZ',
  SOUTHWEST: 'XN',
  NORTHWEST: 'XB',
  NORTHEAST: 'DB',
} as const;
const money = (yuan: number) => yuan.toFixed(2);
const personName = (r: Rng) => r.pick(SURNAMES) + r.pick(GIVEN);

/** Demo archive numbers carry a D after the year, so the seeder can count what it already wrote. */
export const demoArchiveNo = (region: keyof typeof REGION_CODE, index: number) =>
  `${REGION_CODE[region]}2026D${String(index).padStart(7, '0')}`;
export const DEMO_ARCHIVE_PATTERN = '__2026D%';

export function demoUsers() {
  const users = ROLES.map((role, i) => ({
    name: `${SURNAMES[i]}${GIVEN[i]}`,
    department: DEPARTMENTS[i],
    role,
    active: true,
  }));
  for (let i = 0; i < 12; i++) {
    users.push({
      name: `${SURNAMES[(i + 8) % SURNAMES.length]}${GIVEN[(i + 3) % GIVEN.length]}`,
      department: DEPARTMENTS[i % 2],
      role: 'sales_rep',
      active: true,
    });
  }
  return users;
}

export interface DemoCustomer {
  customer: Record<string, unknown>;
  contacts: Record<string, unknown>[];
  trades: Record<string, unknown>[];
  complaints: Record<string, unknown>[];
  visits: Record<string, unknown>[];
  surveys: Record<string, unknown>[];
}

/** Demo customer number `index` (1-based) with its files; `salesRepIds` are the possible owners. */
export function demoCustomer(index: number, salesRepIds: number[]): DemoCustomer {
  const r = new Rng(index * 7919 + 17);
  const place = r.pick(PLACES);
  const [industry, industryWord, products] = r.pick(INDUSTRIES);
  const brand = r.pick(BRANDS);
  const name = `${place.city}${brand}${industryWord}${r.pick(COMPANY_SUFFIXES)}`;
  // A ≈ 20 %, B ≈ 40 %, C the rest: the class drives trade volume as it would in life.
  const roll = r.next();
  const abcClass = roll < 0.2 ? AbcClass.A : roll < 0.6 ? AbcClass.B : AbcClass.C;
  const scale = abcClass === AbcClass.A ? 20 : abcClass === AbcClass.B ? 5 : 1;
  const createdAt = new Date(DEMO_EPOCH - r.int(30, 1500) * DAY);
  const ownerId = salesRepIds[index % salesRepIds.length];

  const trades: Record<string, unknown>[] = [];
  const tradeN = r.int(0, abcClass === AbcClass.A ? 12 : abcClass === AbcClass.B ? 8 : 4);
  for (let t = 0; t < tradeN; t++) {
    const kind = r.chance(0.7) ? 'ORDER' : r.pick(['CONTRACT', 'DELIVERY', 'PAYMENT', 'RETURN']);
    const occurredAt = new Date(
      createdAt.getTime() + r.int(1, Math.max(2, (DEMO_EPOCH - createdAt.getTime()) / DAY)) * DAY,
    );
    const credit = r.chance(0.4);
    trades.push({
      tradeNo: `TD${index}${String(t).padStart(3, '0')}`,
      kind,
      occurredAt,
      place: place.city,
      amount: money(r.int(5, 500) * 100 * scale),
      product: r.pick(products),
      quantity: r.int(1, 500),
      paymentMethod: credit ? 'CREDIT' : 'CASH',
      paymentStatus: credit ? r.pick(['UNPAID', 'PARTIAL', 'PAID', 'OVERDUE']) : 'PAID',
      dueAt: credit ? new Date(occurredAt.getTime() + 30 * DAY) : null,
      defaulted: credit && r.chance(0.05),
      handlerId: ownerId,
      notes: r.chance(0.2) ? '按合同约定分批发货' : null,
    });
  }
  const orders = trades.filter((t) => t.kind === 'ORDER');
  const returns = trades.filter((t) => t.kind === 'RETURN');
  const sum = (ts: Record<string, unknown>[]) => ts.reduce((s, t) => s + Number(t.amount), 0);
  const times = trades.map((t) => (t.occurredAt as Date).getTime());

  const creditLimit = r.int(1, 50) * 10_000 * scale;
  const customer = {
    archiveNo: demoArchiveNo(place.region, index),
    name,
    shortName: `${brand}${industry}`,
    creditCode: `91${place.postcode}000MA${String(index).padStart(8, '0')}`,
    kind: r.chance(0.85)
      ? CustomerKind.ENTERPRISE
      : r.pick([CustomerKind.GOVERNMENT, CustomerKind.PARTNER, CustomerKind.SPECIAL]),
    nature: r.pick(Object.values(EnterpriseNature)),
    industry,
    region: place.region,
    province: place.province,
    city: place.city,
    district: r.pick(place.districts),
    address: `${place.city}${r.pick(place.districts)}${brand}路${r.int(1, 999)}号`,
    postcode: `${place.postcode}${r.digits(3)}`,
    phone: `${place.areaCode}-${r.int(2, 8)}${r.digits(7)}`,
    fax: r.chance(0.5) ? `${place.areaCode}-${r.int(2, 8)}${r.digits(7)}` : null,
    email: `info${index}@example.com`,
    website: r.chance(0.6) ? `https://www.example.com/c${index}` : null,
    legalRepresentative: personName(r),
    registeredCapital: money(r.int(50, 5000) * 10_000),
    foundedOn: `${r.int(1990, 2022)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`,
    mainShareholders: `${personName(r)}、${personName(r)}`,
    businessScope: `${industry}产品的研发、生产与销售`,
    mainBrands: brand,
    businessMode: r.pick(Object.values(BusinessMode)),
    employeeCount: r.int(10, 3000) * scale,
    scale: r.pick(Object.values(CompanyScale)),
    yearsInBusiness: r.int(1, 30),
    industryPosition: r.pick(Object.values(IndustryPosition)),
    salesLastYear: money(r.int(100, 9000) * 10_000),
    marketShare: r.int(1, 300) / 10,
    source: r.pick(Object.values(CustomerSource)),
    category: r.pick([
      CustomerCategory.CURRENT_END,
      CustomerCategory.CURRENT_AGENT,
      CustomerCategory.POTENTIAL_END,
      CustomerCategory.LOST_END,
    ]),
    status: r.chance(0.92) ? ArchiveStatus.ACTIVE : ArchiveStatus.PENDING_APPROVAL,
    ownerId,
    abcClass,
    starRating: abcClass === AbcClass.A ? r.int(4, 5) : r.int(1, 4),
    purchaseCycleDays: r.pick([30, 60, 90, 180]),
    creditLevel: r.pick(Object.values(CreditLevel)),
    creditLimit: money(creditLimit),
    creditTermDays: r.pick([0, 30, 60, 90]),
    paymentTerms: r.pick(Object.values(PaymentTerms)),
    outstandingBalance: money(r.int(0, creditLimit / 2)),
    bankName: `中国工商银行${place.city}分行`,
    bankAccount: `6222${r.digits(15)}`,
    creditAssessment: r.pick(['回款及时', '偶有拖欠', '资信良好', '需关注']),
    tradeCount: orders.length,
    tradeTotal: money(sum(orders) - sum(returns)),
    firstTradeAt: times.length ? new Date(Math.min(...times)) : null,
    lastTradeAt: times.length ? new Date(Math.max(...times)) : null,
    createdAt,
    createdById: ownerId,
    nameKey: nameKey(name),
  };
  // The balance is the opening balance plus the credit orders minus the payments (trade-stats.ts): open with what makes it this one.
  const ledger = trades.reduce(
    (sum, t) =>
      sum +
      (t.kind === 'PAYMENT'
        ? -cents(t.amount as string)
        : t.kind === 'ORDER' && t.paymentMethod === 'CREDIT'
          ? cents(t.amount as string)
          : 0n),
    0n,
  );
  Object.assign(customer, { openingBalance: fromCents(cents(customer.outstandingBalance) - ledger) });
  // An approved archive holds its credit code as the unique key and records when it was approved.
  const approved = customer.status === ArchiveStatus.ACTIVE;
  Object.assign(customer, {
    creditCodeKey: approved ? customer.creditCode : null,
    approvedAt: approved ? createdAt : null,
  });

  const contacts = Array.from({ length: r.int(1, 4) }, (_, c) => ({
    name: personName(r),
    gender: r.pick(['MALE', 'FEMALE']),
    title: r.pick(TITLES),
    role: c === 0 ? 'MAIN_CONTACT' : r.pick(['PRINCIPAL', 'MAINTENANCE_CONTACT', 'OTHER', 'LEGAL_REPRESENTATIVE']),
    phone: customer.phone,
    mobile: `1${r.pick(['38', '39', '58', '86', '77'])}${r.digits(8)}`,
    email: `contact${index}_${c}@example.com`,
    wechat: `wx_${index}_${c}`,
    birthday: `${r.int(1960, 1995)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`,
    hobbies: r.pick(HOBBIES),
    family: r.pick(['已婚，一子', '已婚，一女', '未婚', null]),
    isPrimary: c === 0,
  }));
  // The main contact agreed to greetings and offers when the archive was opened (个人信息保护法).
  for (const [c, contact] of contacts.entries()) {
    Object.assign(contact, {
      birthdayKey: dayKey(contact.birthday),
      ...(c === 0 ? { marketingConsent: true, consentPurpose: '节日问候与新品推介', consentAt: createdAt } : {}),
    });
  }
  const complaints = Array.from({ length: r.chance(0.3) ? r.int(1, 2) : 0 }, () => {
    const receivedAt = new Date(DEMO_EPOCH - r.int(1, 300) * DAY);
    const status = r.pick(['OPEN', 'IN_PROGRESS', 'RESOLVED', 'CLOSED']);
    const done = status === 'RESOLVED' || status === 'CLOSED';
    const channel = r.pick(['PHONE', 'EMAIL', 'WECHAT', 'VISIT']);
    const category = r.pick(['QUALITY', 'SERVICE', 'DELIVERY', 'BILLING']);
    const severity = r.pick(['LOW', 'MEDIUM', 'HIGH'] as const);
    return {
      receivedAt,
      channel,
      category,
      severity,
      content: r.pick(['到货延迟三天', '部分产品外观划伤', '发票信息有误', '售后响应慢']),
      status,
      handlerId: 3,
      resolution: done ? '已补发并致歉' : null,
      measures: done ? '加强出库检验' : null,
      // Due by the default service level of the severity (COMPLAINT_DUE_HOURS), as createComplaint sets it.
      dueAt: new Date(receivedAt.getTime() + DEFAULT_RULES.complaintDueHours[severity] * 3_600_000),
      resolvedAt: done ? new Date(receivedAt.getTime() + r.int(1, 6) * DAY) : null,
      // A CLOSED complaint has the customer's satisfaction; a RESOLVED one may not have it yet.
      satisfaction: done ? r.int(2, 5) : null,
    };
  });
  const visits = Array.from({ length: r.int(0, abcClass === AbcClass.C ? 2 : 6) }, () => {
    const occurredAt = new Date(DEMO_EPOCH - r.int(1, 365) * DAY);
    return {
      userId: ownerId,
      kind: r.pick(['VISIT', 'PHONE_CALL', 'EMAIL', 'WECHAT', 'MEETING', 'GREETING']),
      plannedAt: occurredAt,
      occurredAt,
      subject: r.pick(['季度回访', '新品推介', '合同续签', '节日问候', '回款沟通']),
      summary: '沟通顺利，客户对交期较为关注',
      needs: r.pick(['希望缩短交期', '询问批量折扣', null]),
      outcome: r.pick(['达成意向', '待跟进', '已下单']),
      nextFollowUpAt: new Date(occurredAt.getTime() + 30 * DAY),
    };
  });
  // A satisfaction survey in the last 13 months for about half of them (drawn last: the rows above stay as they were).
  const surveys = r.chance(0.5) ? [demoSurvey(r, new Date(DEMO_EPOCH - r.int(1, 400) * DAY))] : [];
  derive(customer, trades, visits, surveys);
  return { customer, contacts, trades, complaints, visits, surveys };
}

function demoSurvey(r: Rng, surveyedAt: Date): Record<string, unknown> {
  const scores = (['SERVICE_QUALITY', 'PRICE', 'OVERALL'] as const).map((question) => ({
    question,
    score: r.int(1, 5),
  }));
  return {
    surveyedAt,
    scoresJson: JSON.stringify(scores),
    lowestScore: Math.min(...scores.map((s) => s.score)),
    latest: true,
    userId: 3,
    comments: r.pick(['希望交期更稳定', '价格有竞争力', null]),
  };
}

/** The derived columns the writes keep (src/cadence): computed here as they would be, with the default cadence. */
function derive(
  customer: Record<string, unknown>,
  trades: Record<string, unknown>[],
  visits: Record<string, unknown>[],
  surveys: Record<string, unknown>[],
): void {
  const last = (rows: Record<string, unknown>[], at: string, kind?: string) =>
    rows
      .filter((v) => !kind || v.kind === kind)
      .reduce<Date | null>((m, v) => (!m || (v[at] as Date) > m ? (v[at] as Date) : m), null);
  const facts = {
    status: customer.status as ArchiveStatus,
    abcClass: customer.abcClass as AbcClass,
    approvedAt: customer.approvedAt as Date | null,
    createdAt: customer.createdAt as Date,
    lastCallAt: last(visits, 'occurredAt', 'PHONE_CALL'),
    lastVisitAt: last(visits, 'occurredAt', 'VISIT'),
    lastSurveyedAt: last(surveys, 'surveyedAt'),
  };
  const orders = trades.filter((t) => t.kind === 'ORDER').map((t) => t.occurredAt as Date);
  Object.assign(
    customer,
    facts,
    careDues(facts, DEFAULT_RULES),
    purchaseDue(customer.purchaseCycleDays as number, orders, customer.firstTradeAt as Date | null),
    { foundedKey: dayKey(customer.foundedOn as string) },
  );
}
