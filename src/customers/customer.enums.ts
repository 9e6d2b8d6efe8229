import { registerEnumType } from 'type-graphql';

export enum CustomerKind {
  ENTERPRISE = 'ENTERPRISE',
  INDIVIDUAL = 'INDIVIDUAL',
  GOVERNMENT = 'GOVERNMENT',
  PARTNER = 'PARTNER',
  SPECIAL = 'SPECIAL',
}
export enum EnterpriseNature {
  STATE_OWNED = 'STATE_OWNED',
  FOREIGN_OWNED = 'FOREIGN_OWNED',
  JOINT_VENTURE = 'JOINT_VENTURE',
  JOINT_STOCK = 'JOINT_STOCK',
  PRIVATE = 'PRIVATE',
  PARTNERSHIP = 'PARTNERSHIP',
}
export enum Region {
  NORTH = 'NORTH',
  EAST = 'EAST',
  SOUTH = 'SOUTH',
  CENTRAL = 'CENTRAL',
  SOUTHWEST = 'SOUTHWEST',
  NORTHWEST = 'NORTHWEST',
  NORTHEAST = 'NORTHEAST',
}
export enum BusinessMode {
  WHOLESALE = 'WHOLESALE',
  RETAIL = 'RETAIL',
  PROJECT = 'PROJECT',
}
export enum IndustryPosition {
  LEADER = 'LEADER',
  INFLUENTIAL = 'INFLUENTIAL',
  AVERAGE = 'AVERAGE',
  SMALL = 'SMALL',
}
export enum CustomerSource {
  WEBSITE_AD = 'WEBSITE_AD',
  EXHIBITION = 'EXHIBITION',
  REFERRAL = 'REFERRAL',
  PHONE = 'PHONE',
  EMAIL = 'EMAIL',
  PRINT_AD = 'PRINT_AD',
  YELLOW_PAGES = 'YELLOW_PAGES',
  FRIEND = 'FRIEND',
  OTHER = 'OTHER',
}
export enum CustomerCategory {
  POTENTIAL_END = 'POTENTIAL_END',
  POTENTIAL_AGENT = 'POTENTIAL_AGENT',
  CURRENT_END = 'CURRENT_END',
  CURRENT_AGENT = 'CURRENT_AGENT',
  LOST_END = 'LOST_END',
  LOST_AGENT = 'LOST_AGENT',
}
export enum ArchiveStatus {
  PENDING_APPROVAL = 'PENDING_APPROVAL',
  REJECTED = 'REJECTED',
  ACTIVE = 'ACTIVE',
  MERGED = 'MERGED',
  DORMANT = 'DORMANT',
  ENDED = 'ENDED',
  DESTROYED = 'DESTROYED',
}
export enum AbcClass {
  A = 'A',
  B = 'B',
  C = 'C',
}
export enum CreditLevel {
  AAA = 'AAA',
  AA = 'AA',
  A = 'A',
  B = 'B',
  C = 'C',
  D = 'D',
}
export enum PaymentTerms {
  CASH_ON_DELIVERY = 'CASH_ON_DELIVERY',
  NET_30 = 'NET_30',
  ON_INVOICE = 'ON_INVOICE',
  NET_60 = 'NET_60',
  NET_90 = 'NET_90',
}
export enum CompanyScale {
  MICRO = 'MICRO',
  SMALL = 'SMALL',
  MEDIUM = 'MEDIUM',
  LARGE = 'LARGE',
}

registerEnumType(CustomerKind, {
  name: 'CustomerKind',
  description: '客户类型: enterprise, individual 顾客, government 政府机构, partner 交易伙伴, special 特殊公司',
});
registerEnumType(EnterpriseNature, { name: 'EnterpriseNature', description: '企业性质' });
registerEnumType(Region, {
  name: 'Region',
  description: '区域: 华北 NORTH, 华东 EAST, 华南 SOUTH, 华中 CENTRAL, 西南 SOUTHWEST, 西北 NORTHWEST, 东北 NORTHEAST',
});
registerEnumType(BusinessMode, { name: 'BusinessMode', description: '经营方式: 批发, 零售, 工程' });
registerEnumType(IndustryPosition, { name: 'IndustryPosition', description: '行业地位' });
registerEnumType(CustomerSource, { name: 'CustomerSource', description: '客户来源' });
registerEnumType(CustomerCategory, {
  name: 'CustomerCategory',
  description: '客户类别: potential/current/lost × end customer/agent 代理',
});
registerEnumType(ArchiveStatus, {
  name: 'ArchiveStatus',
  description:
    'Lifecycle of an archive: a new archive is a draft (PENDING_APPROVAL) until a sales or general manager approves it (ACTIVE) or rejects it (REJECTED); a duplicate merged into another archive is MERGED',
});
registerEnumType(AbcClass, { name: 'AbcClass', description: '客户等级: A top 20 %, B next 40 %, C the rest' });
registerEnumType(CreditLevel, { name: 'CreditLevel', description: '信用等级' });
registerEnumType(PaymentTerms, { name: 'PaymentTerms', description: '结算方式' });
registerEnumType(CompanyScale, { name: 'CompanyScale', description: '规模' });
