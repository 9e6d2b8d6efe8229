/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
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