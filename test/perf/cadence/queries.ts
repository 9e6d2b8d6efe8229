/**
 * The two worklists of issue 15 section 3 as a sales screen would ask them: who to call or
 * visit (with the main contact's number) and who stopped buying, one page at a time.
 */
const worklist = (field: 'overdueFollowUps' | 'decliningCustomers', node: string, count: boolean) =>
  `query Worklist($ownerId: ID, $first: Int!, $after: String) {
  ${field}(ownerId: $ownerId, first: $first, after: $after) {
    ${count ? 'totalCount' : ''}
    edges { node { id archiveNo name abcClass city owner { name } ${node} } }
    pageInfo { hasNextPage endCursor }
  }
}`;

export type Worklist = 'overdueFollowUps' | 'decliningCustomers';

const FIELDS: Record<Worklist, string> = {
  overdueFollowUps:
    'lastCallAt lastVisitAt overdueTouches { kind dueSince } contacts(first: 1) { edges { node { name mobile } } }',
  decliningCustomers: 'tradeTotal lastOrderAt daysSinceLastOrder purchaseCycleDays',
};

export const worklistQuery = (which: Worklist, count = false) => worklist(which, FIELDS[which], count);
