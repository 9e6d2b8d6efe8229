import {
  type Cell,
  type Parsed,
  parseBoolean,
  parseChoice,
  parseDay,
  parseInt10,
  parseMoney,
  parseNumber,
  parseStars,
  parseText,
  parseTime,
} from './cells';
import { LABELS } from './labels';

export type RecordKind = 'customers' | 'contacts' | 'trades';
export const RECORD_KINDS: readonly RecordKind[] = ['customers', 'contacts', 'trades'];

/** How a column's cells are read; an enum name reads Chinese labels (labels.ts) and API values. */
export type CellKind =
  'text' | 'money' | 'int' | 'number' | 'stars' | 'bool' | 'day' | 'time' | 'employee' | { choice: string };

/**
 * One column of a 客户资料表 (customers), 联系人表 (contacts) or 交易记录表 (trades): the API
 * field, its Chinese header (what exports write), other headers people use, and how cells
 * are read. The English header is the field name itself. Import-only keys (`customer…`)
 * name the archive a contact or trade belongs to; `readOnly` columns are exported only
 * (derived, or set by the archive's own steps such as approval).
 */
export interface Column {
  field: string;
  zh: string;
  aliases?: readonly string[];
  kind: CellKind;
  readOnly?: boolean;
  /** Export only: the GraphQL selection when the field is an object (an employee's name). */
  select?: string;
}

const c = (
  field: string,
  zh: string,
  kind: CellKind = 'text',
  aliases: string[] = [],
  more: Partial<Column> = {},
): Column => ({ field, zh, kind, aliases, ...more });
const choice = (type: string) => ({ choice: type });
const readOnly = { readOnly: true } as const;

/** The archive number names an existing archive; numbers of new ones come from the coding rule. */
const ARCHIVE_NO = c('archiveNo', '档案编号', 'text', ['客户编号', '档案号']);

export const COLUMNS: Record<RecordKind, readonly Column[]> = {
  customers: [
    ARCHIVE_NO,
    c('name', '客户名称', 'text', ['客户全称', '公司名称', '单位名称']),
    c('shortName', '简称', 'text', ['客户简称']),
    c('creditCode', '统一社会信用代码', 'text', ['信用代码', '社会信用代码']),
    c('kind', '客户类型', choice('CustomerKind')),
    c('nature', '企业性质', choice('EnterpriseNature')),
    c('industry', '行业', 'text', ['所属行业']),
    c('region', '所属区域', choice('Region'), ['区域', '大区']),
    c('province', '省份', 'text', ['省']),
    c('city', '城市', 'text', ['市']),
    c('district', '区县', 'text', ['区']),
    c('address', '通讯地址', 'text', ['地址', '详细地址']),
    c('postcode', '邮编', 'text', ['邮政编码']),
    c('phone', '电话', 'text', ['联系电话', '公司电话']),
    c('fax', '传真'),
    c('email', '电子邮箱', 'text', ['邮箱', 'E-mail']),
    c('website', '网址', 'text', ['网站', '公司网址']),
    c('legalRepresentative', '法定代表人', 'text', ['法人', '法人代表']),
    c('registeredCapital', '注册资本', 'money'),
    c('foundedOn', '成立日期', 'day', ['成立时间']),
    c('mainShareholders', '主要股东'),
    c('businessScope', '经营范围'),
    c('mainBrands', '主营品牌'),
    c('businessMode', '经营方式', choice('BusinessMode')),
    c('employeeCount', '员工数量', 'int', ['员工人数', '人数']),
    c('scale', '规模', choice('CompanyScale'), ['企业规模']),
    c('yearsInBusiness', '从业时间', 'int', ['从业年限']),
    c('industryPosition', '行业地位', choice('IndustryPosition')),
    c('salesLastYear', '去年销售额', 'money', ['上年销售额']),
    c('salesTwoYearsAgo', '前年销售额', 'money'),
    c('salesThreeYearsAgo', '大前年销售额', 'money'),
    c('marketShare', '市场占有率', 'number'),
    c('salesCapability', '销售能力'),
    c('growthPotential', '发展潜力'),
    c('businessPhilosophy', '经营观念'),
    c('businessDirection', '经营方向'),
    c('source', '客户来源', choice('CustomerSource'), ['来源']),
    c('category', '客户类别', choice('CustomerCategory')),
    c('owner', '业务员', 'employee', ['负责人', '客户经理', '所属业务员'], { select: 'owner { name }' }),
    c('starRating', '星级', 'stars', ['客户星级']),
    c('contactPolicy', '联系策略'),
    c('purchaseCycleDays', '购买周期', 'int', ['购买周期天数']),
    c('creditLevel', '信用等级', choice('CreditLevel'), ['资信等级']),
    c('creditLimit', '信用额度', 'money', ['欠款额度', '资信额度']),
    c('creditTermDays', '账期', 'int', ['账期天数']),
    c('paymentTerms', '结算方式', choice('PaymentTerms')),
    c('bankName', '开户行', 'text', ['开户银行']),
    c('bankAccount', '银行账号', 'text', ['账号']),
    c('creditAssessment', '资信评价'),
    c('status', '档案状态', choice('ArchiveStatus'), [], readOnly),
    c('abcClass', '客户等级', choice('AbcClass'), ['ABC分类'], readOnly),
    c('outstandingBalance', '应收欠款', 'money', [], readOnly),
    c('tradeCount', '交易次数', 'int', [], readOnly),
    c('tradeTotal', '交易金额', 'money', [], readOnly),
    c('firstTradeAt', '首次交易', 'time', [], readOnly),
    c('lastTradeAt', '最近交易', 'time', [], readOnly),
    c('approvedAt', '审批时间', 'time', [], readOnly),
    c('createdAt', '建档日期', 'time', [], readOnly),
  ],
  contacts: [
    { ...ARCHIVE_NO, field: 'customerArchiveNo', select: 'customer { archiveNo }' },
    c('customerCreditCode', '统一社会信用代码', 'text', ['信用代码']),
    c('customerName', '客户名称', 'text', ['公司名称', '单位名称'], { select: 'customer { name }' }),
    c('name', '联系人', 'text', ['姓名', '联系人姓名']),
    c('gender', '性别', choice('Gender')),
    c('title', '职务', 'text', ['职位']),
    c('role', '联系人角色', choice('ContactRole'), ['角色']),
    c('phone', '办公电话', 'text', ['电话']),
    c('mobile', '手机', 'text', ['手机号', '手机号码']),
    c('email', '电子邮箱', 'text', ['邮箱']),
    c('wechat', '微信', 'text', ['微信号']),
    c('fax', '传真'),
    c('isPrimary', '是否主要联系人', 'bool', ['首要联系人']),
    c('birthday', '出生日期', 'day', ['生日', '出生年月日']),
    c('hometown', '籍贯'),
    c('education', '学历'),
    c('hobbies', '兴趣爱好', 'text', ['爱好']),
    c('family', '家庭情况'),
    c('consentPurpose', '信息使用同意用途', 'text', ['同意用途']),
    c('consentAt', '同意时间', 'time'),
  ],
  trades: [
    { ...ARCHIVE_NO, field: 'customerArchiveNo', select: 'customer { archiveNo }' },
    c('customerCreditCode', '统一社会信用代码', 'text', ['信用代码']),
    c('customerName', '客户名称', 'text', ['公司名称'], { select: 'customer { name }' }),
    c('tradeNo', '交易编号', 'text', ['单号', '订单号', '合同号']),
    c('kind', '交易类型', choice('TradeKind'), ['类型']),
    c('occurredAt', '交易时间', 'time', ['交易日期', '日期']),
    c('place', '交易地点', 'text', ['地点']),
    c('amount', '交易金额', 'money', ['金额']),
    c('product', '产品', 'text', ['产品名称', '品名']),
    c('quantity', '数量', 'int'),
    c('paymentMethod', '付款方式', choice('PaymentMethod'), ['结算']),
    c('paymentStatus', '付款状态', choice('PaymentStatus')),
    c('dueAt', '到期日', 'time', ['应付日期', '回款日期']),
    c('defaulted', '是否违约', 'bool', ['违约']),
    c('handler', '交易负责人', 'employee', ['经办人', '负责人'], { select: 'handler { name }' }),
    c('notes', '备注'),
    c('sample', '样品', 'bool', ['是否样品']),
  ],
};

/** A parser per enum, built once: building its lookup for every cell took a twentieth of an import's CPU. */
const CHOICE_PARSERS = new Map<string, ReturnType<typeof parseChoice>>();
function choiceParser(type: string): ReturnType<typeof parseChoice> {
  let parser = CHOICE_PARSERS.get(type);
  if (!parser) {
    const labels = LABELS[type] ?? {};
    CHOICE_PARSERS.set(type, (parser = parseChoice(labels, Object.values(labels))));
  }
  return parser;
}

/** Reads one cell of `column`; `unit` is the multiplier its header names (万元). */
export function readCell(column: Column, cell: Cell, unit: bigint): Parsed {
  const kind = column.kind;
  if (typeof kind === 'object') return choiceParser(kind.choice)(cell);
  switch (kind) {
    case 'money':
      return parseMoney(cell, unit);
    case 'int':
      return parseInt10(cell);
    case 'number':
      return parseNumber(cell);
    case 'stars':
      return parseStars(cell);
    case 'bool':
      return parseBoolean(cell);
    case 'day':
      return parseDay(cell);
    case 'time':
      return parseTime(cell);
    default:
      return parseText(cell);
  }
}

/** A header as compared: no spaces, no required-marks (*), half-width, lower case; its unit apart. */
export function headerKey(header: string): { key: string; unit: bigint } {
  const text = header
    .normalize('NFKC')
    .replace(/[\s*＊:：]/g, '')
    .toLowerCase();
  const m = /^(.*?)[(（[]([^)）\]]*)[)）\]]$/.exec(text);
  const unit = m && /万/.test(m[2]) ? 10_000n : m && /亿/.test(m[2]) ? 100_000_000n : 1n;
  return { key: m ? m[1] : text, unit };
}

/** Every header a column answers to, as compared. */
const keysOf = (column: Column) => [column.zh, column.field, ...(column.aliases ?? [])].map((h) => headerKey(h).key);

/** The column of `kind` a header names, with the header's unit; null for an unknown header. */
export function columnFor(kind: RecordKind, header: string): { column: Column; unit: bigint } | null {
  const { key, unit } = headerKey(header);
  const column = COLUMNS[kind].find((col) => keysOf(col).includes(key));
  return column ? { column, unit } : null;
}
