import { defineWhere } from '../auth/where/where';
import { Customer } from './customer.entity';
import { gramLookup } from './name-search';
import {
  AbcClass,
  ArchiveStatus,
  CompanyScale,
  CreditLevel,
  CustomerCategory,
  CustomerKind,
  CustomerSource,
  EnterpriseNature,
  PaymentTerms,
  Region,
} from './customer.enums';

const e = (type: object, name: string) => ({ kind: 'enum' as const, enum: { type, name } });

/** What `customers(where:)` and `customerStats(where:)` may name; credit fields only for roles that read them. */
export const CustomerWhere = defineWhere({
  type: 'Customer',
  entity: Customer,
  fields: {
    // The texts the search index holds (name-grams.ts): `contains` reads candidates from it.
    archiveNo: { property: 'archiveNo', kind: 'string', substringIndex: gramLookup },
    name: { property: 'name', kind: 'string', substringIndex: gramLookup },
    shortName: { property: 'shortName', kind: 'string', substringIndex: gramLookup },
    creditCode: { property: 'creditCode', kind: 'string' },
    kind: { property: 'kind', ...e(CustomerKind, 'CustomerKind') },
    nature: { property: 'nature', ...e(EnterpriseNature, 'EnterpriseNature') },
    industry: { property: 'industry', kind: 'string' },
    region: { property: 'region', ...e(Region, 'Region') },
    province: { property: 'province', kind: 'string' },
    city: { property: 'city', kind: 'string' },
    scale: { property: 'scale', ...e(CompanyScale, 'CompanyScale') },
    employeeCount: { property: 'employeeCount', kind: 'int' },
    registeredCapital: { property: 'registeredCapital', kind: 'decimal' },
    source: { property: 'source', ...e(CustomerSource, 'CustomerSource') },
    category: { property: 'category', ...e(CustomerCategory, 'CustomerCategory') },
    status: { property: 'status', ...e(ArchiveStatus, 'ArchiveStatus') },
    owner: { property: 'ownerId', kind: 'id', idType: 'User' },
    abcClass: { property: 'abcClass', ...e(AbcClass, 'AbcClass') },
    starRating: { property: 'starRating', kind: 'int' },
    purchaseCycleDays: { property: 'purchaseCycleDays', kind: 'int' },
    tradeCount: { property: 'tradeCount', kind: 'int' },
    tradeTotal: { property: 'tradeTotal', kind: 'decimal' },
    firstTradeAt: { property: 'firstTradeAt', kind: 'datetime' },
    lastTradeAt: { property: 'lastTradeAt', kind: 'datetime' },
    approvedAt: { property: 'approvedAt', kind: 'datetime' },
    verifiedAt: { property: 'verifiedAt', kind: 'datetime' },
    createdAt: { property: 'createdAt', kind: 'datetime' },
    updatedAt: { property: 'updatedAt', kind: 'datetime' },
    creditLevel: { property: 'creditLevel', ...e(CreditLevel, 'CreditLevel') },
    creditLimit: { property: 'creditLimit', kind: 'decimal' },
    creditTermDays: { property: 'creditTermDays', kind: 'int' },
    paymentTerms: { property: 'paymentTerms', ...e(PaymentTerms, 'PaymentTerms') },
    outstandingBalance: { property: 'outstandingBalance', kind: 'decimal' },
  },
  relations: {
    contacts: { type: 'Contact', cardinality: 'many', foreignKey: 'customerId' },
    trades: { type: 'Trade', cardinality: 'many', foreignKey: 'customerId' },
    complaints: { type: 'Complaint', cardinality: 'many', foreignKey: 'customerId' },
    visits: { type: 'Visit', cardinality: 'many', foreignKey: 'customerId' },
  },
});
