import type { ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginLandingPageLocalDefault,
  ApolloServerPluginLandingPageProductionDefault,
} from '@apollo/server/plugin/landingPage/default';

/**
 * What Apollo Sandbox opens with at /graphql: every example below, as one document Sandbox
 * lets you pick an operation from. Keep them free of < > & ' (Apollo escapes only the first
 * of each when it embeds the configuration in the page); test/server/sandbox.test.ts runs
 * every query here as an analyst.
 */
export const EXAMPLE_OPERATIONS = `# Add your token in Headers (npm run --silent token -- --role analyst), pick an operation, run it.
# Totals are over the records and fields your role may see and read.

# 1. Top customers by trade value this year
query TopCustomersThisYear($yearStart: DateTime = "2026-01-01T00:00:00Z") {
  tradeStats(where: { occurredAt: { gte: $yearStart }, kind: { eq: ORDER } }, groupBy: [CUSTOMER],
    orderBy: { field: SUM_AMOUNT, direction: DESC }, first: 10) {
    groups { customer { archiveNo name region abcClass } count sum { amount } }
  }
}

# 2. Complaints by category per month
query ComplaintsByCategoryPerMonth {
  complaintStats(groupBy: [CATEGORY], period: { field: RECEIVED_AT, unit: MONTH }, orderBy: { field: KEY, direction: ASC }) {
    groups { period category count }
    totalCount
  }
}

# 3. Visits per owner last quarter (set the dates of the quarter)
query VisitsPerOwnerLastQuarter($from: DateTime = "2026-01-01T00:00:00Z", $to: DateTime = "2026-03-31T23:59:59.999Z") {
  visitStats(where: { occurredAt: { between: { from: $from, to: $to } } }, groupBy: [OWNER]) {
    groups { owner { name department } count }
  }
}

# 4. Customers per region and class
query CustomersPerRegionAndClass {
  customerStats(groupBy: [REGION, ABC_CLASS], orderBy: { field: KEY, direction: ASC }) {
    groups { region abcClass count sum { tradeTotal } }
  }
}

# 5. Average trade amount by industry
query AverageTradeByIndustry {
  tradeStats(where: { kind: { eq: ORDER } }, groupBy: [INDUSTRY], orderBy: { field: AVG_AMOUNT, direction: DESC }) {
    groups { industry count avg { amount } }
  }
}

# The customer list screen: a page of customers with their owner
query CustomerListScreen($first: Int = 20, $after: String, $where: CustomerWhere) {
  customers(first: $first, after: $after, where: $where, orderBy: { field: TRADE_TOTAL, direction: DESC }) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id archiveNo name abcClass region city tradeTotal lastTradeAt owner { name } } }
  }
}

# The customer detail screen: pass an id from the list
query CustomerDetailScreen($id: ID!) {
  customer(id: $id) {
    id archiveNo name shortName kind status region province city address phone industry abcClass starRating
    tradeCount tradeTotal firstTradeAt lastTradeAt owner { name department }
    contacts(first: 10) { edges { node { name title role mobile email isPrimary } } }
    trades(first: 10) { edges { node { tradeNo kind occurredAt amount paymentStatus } } }
    complaints(first: 5) { edges { node { receivedAt category severity status } } }
    visits(first: 5) { edges { node { kind plannedAt occurredAt subject } } }
  }
}

# Changes as they happen (Sandbox opens a WebSocket on /graphql)
subscription RecordChanges {
  recordChanged(types: [CUSTOMER, TRADE]) {
    cursor recordType operation changedFields occurredAt
    record { ... on Customer { archiveNo name } ... on Trade { tradeNo amount } }
  }
}
`;

/** The header Sandbox starts with: a template to put a token into. */
export const TOKEN_HEADER_TEMPLATE = 'Bearer paste-a-token-from: npm run --silent token -- --role analyst';

/**
 * Sandbox (embedded, from Apollo's CDN in the browser; nothing is fetched by the server) when
 * `sandbox` is on: outside production by default, SANDBOX=true in production. Otherwise
 * Apollo's production landing page, which runs nothing.
 */
export function landingPage(sandbox: boolean): ApolloServerPlugin {
  if (!sandbox) return ApolloServerPluginLandingPageProductionDefault({ footer: false });
  return ApolloServerPluginLandingPageLocalDefault({
    footer: false,
    includeCookies: false,
    document: EXAMPLE_OPERATIONS,
    headers: { Authorization: TOKEN_HEADER_TEMPLATE },
    embed: { runTelemetry: false, endpointIsEditable: false, initialState: { pollForSchemaUpdates: false } },
  });
}
