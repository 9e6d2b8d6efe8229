/**
 * The screens measured (issue 17), as a frontend team or an analyst would send them. Credit
 * fields are asked only by roles that read them, as a screen built for the role would.
 */
const CREDIT = 'creditLevel creditLimit creditTermDays paymentTerms outstandingBalance';

/** S1, the list page: customers with owner, 3 contacts and the last 5 trades. */
export const listPage = (credit: boolean) => `query ListPage($first: Int!, $after: String) {
  customers(first: $first, after: $after) {
    edges { cursor node {
      id archiveNo name abcClass region city tradeTotal lastTradeAt ${credit ? 'creditLimit outstandingBalance' : ''}
      owner { name department }
      contacts(first: 3) { edges { node { name title mobile email } } }
      trades(first: 5) { edges { node { tradeNo kind amount occurredAt } } }
    } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** The ~30 plain fields of the detail screen (S2), and of the baseline's statement for it. */
export const DETAIL_FIELDS = [
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
  'businessMode',
  'employeeCount',
  'scale',
  'source',
  'category',
  'status',
  'abcClass',
  'starRating',
  'tradeCount',
  'tradeTotal',
  'firstTradeAt',
  'lastTradeAt',
  'createdAt',
  'updatedAt',
  'version',
] as const;
export const DETAIL_CREDIT_FIELDS = CREDIT.split(' ');

/** S2, the detail screen: one archive with owner, 10 contacts, 20 trades, 10 complaints, 10 visits. */
export const detailScreen = (credit: boolean) => `query Detail($id: ID!) {
  customer(id: $id) {
    id ${DETAIL_FIELDS.join(' ')} ${credit ? CREDIT : ''}
    owner { name department }
    contacts(first: 10) { edges { node { name gender title mobile email wechat birthday isPrimary } } }
    trades(first: 20) { edges { node { tradeNo kind occurredAt amount paymentMethod paymentStatus dueAt } } }
    complaints(first: 10) { edges { node { receivedAt channel category severity status content } } }
    visits(first: 10) { edges { node { kind plannedAt occurredAt subject outcome } } }
  }
}`;

/** S3, a filtered and sorted list: one region and class, biggest trade totals first (the list's own filter and sort). */
export const filteredList = `query Filtered($first: Int!, $region: [Region!], $abc: [AbcClass!]) {
  customers(first: $first, filter: { region: $region, abcClass: $abc }, orderBy: { field: TRADE_TOTAL, direction: DESC }) {
    totalCount
    edges { node { id archiveNo name abcClass region city tradeTotal lastTradeAt owner { name } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** S4, search by a Chinese substring of the name (former names included by the API). */
export const search = `query Search($first: Int!, $q: String!) {
  customers(first: $first, filter: { search: $q }) {
    edges { node { id archiveNo name abcClass city tradeTotal } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** S5, an analyst's aggregate: archives, trade totals and counts by region and industry (customerStats). */
export const aggregate = `query Stats($abc: [AbcClass!]) {
  customerStats(groupBy: [REGION, INDUSTRY], filter: { abcClass: $abc }) {
    totalCount hasMore
    groups { region industry count sum { tradeTotal tradeCount } avg { tradeTotal starRating } }
  }
}`;

/** S6, recording an order paid in cash (no credit check in the way), as a manager would. */
export const createTrade = `mutation Order($input: CreateTradeInput!) {
  createTrade(input: $input) { id tradeNo amount occurredAt customer { id tradeCount tradeTotal } }
}`;
