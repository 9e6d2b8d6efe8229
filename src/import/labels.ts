/**
 * Chinese labels of the API's closed sets, as people write them in 客户资料表. The first
 * label of a value is the one exports write; every label (and the API value itself, in any
 * case) is understood by imports.
 */
export const LABELS: Record<string, Readonly<Record<string, string>>> = {
  CustomerKind: {
    企业: 'ENTERPRISE',
    公司: 'ENTERPRISE',
    个人: 'INDIVIDUAL',
    顾客: 'INDIVIDUAL',
    政府机构: 'GOVERNMENT',
    政府: 'GOVERNMENT',
    交易伙伴: 'PARTNER',
    特殊公司: 'SPECIAL',
  },
  EnterpriseNature: {
    国有: 'STATE_OWNED',
    国企: 'STATE_OWNED',
    外商独资: 'FOREIGN_OWNED',
    外资: 'FOREIGN_OWNED',
    中外合资: 'JOINT_VENTURE',
    合资: 'JOINT_VENTURE',
    股份: 'JOINT_STOCK',
    股份制: 'JOINT_STOCK',
    私营: 'PRIVATE',
    民营: 'PRIVATE',
    个体: 'PRIVATE',
    合伙: 'PARTNERSHIP',
  },
  Region: {
    华北: 'NORTH',
    华东: 'EAST',
    华南: 'SOUTH',
    华中: 'CENTRAL',
    西南: 'SOUTHWEST',
    西北: 'NORTHWEST',
    东北: 'NORTHEAST',
  },
  BusinessMode: { 批发: 'WHOLESALE', 零售: 'RETAIL', 工程: 'PROJECT' },
  CompanyScale: { 微型: 'MICRO', 小型: 'SMALL', 中型: 'MEDIUM', 大型: 'LARGE' },
  IndustryPosition: { 领先: 'LEADER', 龙头: 'LEADER', 有影响力: 'INFLUENTIAL', 一般: 'AVERAGE', 较小: 'SMALL' },
  CustomerSource: {
    网站广告: 'WEBSITE_AD',
    网络广告: 'WEBSITE_AD',
    展会: 'EXHIBITION',
    介绍: 'REFERRAL',
    转介绍: 'REFERRAL',
    电话: 'PHONE',
    邮件: 'EMAIL',
    平面广告: 'PRINT_AD',
    黄页: 'YELLOW_PAGES',
    朋友: 'FRIEND',
    其他: 'OTHER',
  },
  CustomerCategory: {
    潜在终端客户: 'POTENTIAL_END',
    潜在代理: 'POTENTIAL_AGENT',
    现有终端客户: 'CURRENT_END',
    现有代理: 'CURRENT_AGENT',
    流失终端客户: 'LOST_END',
    流失代理: 'LOST_AGENT',
  },
  CreditLevel: { AAA: 'AAA', AA: 'AA', A: 'A', B: 'B', C: 'C', D: 'D' },
  PaymentTerms: {
    现款现货: 'CASH_ON_DELIVERY',
    一个月回款: 'NET_30',
    票到付款: 'ON_INVOICE',
    两个月回款: 'NET_60',
    三个月回款: 'NET_90',
  },
  ArchiveStatus: {
    待审批: 'PENDING_APPROVAL',
    已驳回: 'REJECTED',
    有效: 'ACTIVE',
    已合并: 'MERGED',
    休眠: 'DORMANT',
    已终止: 'ENDED',
    已销毁: 'DESTROYED',
  },
  AbcClass: { A: 'A', B: 'B', C: 'C' },
  Gender: { 男: 'MALE', 女: 'FEMALE', 未说明: 'UNDISCLOSED' },
  ContactRole: {
    法定代表人: 'LEGAL_REPRESENTATIVE',
    负责人: 'PRINCIPAL',
    主要联系人: 'MAIN_CONTACT',
    维护联系人: 'MAINTENANCE_CONTACT',
    其他: 'OTHER',
  },
  TradeKind: { 订单: 'ORDER', 合同: 'CONTRACT', 提货: 'DELIVERY', 回款: 'PAYMENT', 退货: 'RETURN' },
  PaymentMethod: { 现款: 'CASH', 现金: 'CASH', 赊账: 'CREDIT', 赊销: 'CREDIT' },
  PaymentStatus: { 未付: 'UNPAID', 部分付款: 'PARTIAL', 已付: 'PAID', 逾期: 'OVERDUE' },
};

/** The label exports write for `value` of enum `type`; the value itself when it has none. */
export function labelOf(type: string, value: string): string {
  const labels = LABELS[type];
  if (!labels) return value;
  for (const [label, v] of Object.entries(labels)) if (v === value) return label;
  return value;
}
