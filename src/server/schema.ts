import { type GraphQLSchema } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { ArgumentValidationError, buildSchema, type NonEmptyArray, type ResolverData } from 'type-graphql';
import { validateOrReject, type ValidationError } from 'class-validator';
import { VALIDATION } from '../common/validators';
import { CustomerResolver } from '../customers/customer.resolver';
import { CustomerApprovalResolver } from '../customers/customer-approval.resolver';
import { CustomerRenameResolver } from '../customers/customer-rename.resolver';
import { CustomerVerificationResolver } from '../customers/customer-verification.resolver';
import { NodeResolver } from '../node/node.resolver';
import { ReadAuditResolver } from '../audit/read-audit.resolver';
import { PartnerKeyResolver } from '../partners/partner-key.resolver';
import { UserResolver } from '../users/user.resolver';
import { TradeResolver } from '../trades/trade.resolver';
import { CustomerTradesResolver } from '../trades/customer-trades.resolver';
import { ContactResolver } from '../contacts/contact.resolver';
import { CustomerContactsResolver } from '../contacts/customer-contacts.resolver';
import { ComplaintResolver } from '../complaints/complaint.resolver';
import { CustomerComplaintsResolver } from '../complaints/customer-complaints.resolver';
import { VisitResolver } from '../visits/visit.resolver';
import { CustomerVisitsResolver } from '../visits/customer-visits.resolver';
import { AccessGrantResolver } from '../grants/access-grant.resolver';
import { ChangeResolver } from '../changes/change.resolver';
import { HandoverResolver } from '../handover/handover.resolver';
import { DuplicatesResolver } from '../duplicates/duplicates.resolver';
import { HistoryResolver } from '../history/history.resolver';
import { RetentionResolver } from '../retention/retention.resolver';
import { CreditOverrideResolver } from '../credit/credit-override.resolver';
import { CreditLimitResolver } from '../credit/credit-limit.resolver';
import { CreditReviewResolver } from '../credit/credit-review.resolver';
import { CreditOverrideTradeResolver } from '../trades/credit-override-trade.resolver';
import { ClassificationResolver } from '../classification/classification.resolver';
import { CadenceResolver } from '../cadence/cadence.resolver';
import { SurveyResolver } from '../care/survey.resolver';
import { CustomerSurveysResolver } from '../care/customer-surveys.resolver';
import { CareRemindersResolver } from '../care/care-reminders.resolver';
import { STATS_RESOLVERS } from '../stats/stats.resolver';
import { ImportResolver } from '../import/import.resolver';
import { ExportResolver } from '../export/export.resolver';
import { ExportRecordResolver } from '../export/export-record.resolver';
import { WebhookResolver } from '../webhooks/webhook.resolver';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const RESOLVERS: NonEmptyArray<Function> = [
  NodeResolver,
  UserResolver,
  CustomerResolver,
  CustomerApprovalResolver,
  CustomerRenameResolver,
  CustomerVerificationResolver,
  TradeResolver,
  CustomerTradesResolver,
  ContactResolver,
  CustomerContactsResolver,
  ComplaintResolver,
  CustomerComplaintsResolver,
  VisitResolver,
  CustomerVisitsResolver,
  AccessGrantResolver,
  ReadAuditResolver,
  PartnerKeyResolver,
  ChangeResolver,
  HandoverResolver,
  DuplicatesResolver,
  HistoryResolver,
  RetentionResolver,
  CreditOverrideResolver,
  CreditLimitResolver,
  CreditReviewResolver,
  CreditOverrideTradeResolver,
  WebhookResolver,
  ClassificationResolver,
  CadenceResolver,
  SurveyResolver,
  CustomerSurveysResolver,
  CareRemindersResolver,
  ...STATS_RESOLVERS,
  ImportResolver,
  ExportResolver,
  ExportRecordResolver,
];

const NO_TOPICS = {
  publish: () => {
    throw new Error('no topic-based subscriptions: publish through the change relay');
  },
  subscribe: () => {
    throw new Error('no topic-based subscriptions');
  },
};

const isObject = (value: unknown): value is object => value !== null && typeof value === 'object';

/**
 * Validates input objects with class-validator, as type-graphql's built-in `validate` does,
 * but with the module imported once: the built-in requires and copies class-validator's
 * exports for every argument it checks, a measurable part of each mutation.
 */
async function validateArgument(value: unknown): Promise<void> {
  if (!isObject(value)) return;
  try {
    await Promise.all(
      (Array.isArray(value) ? value : [value]).filter(isObject).map((item) => validateOrReject(item, VALIDATION)),
    );
  } catch (errors) {
    throw new ArgumentValidationError(errors as ValidationError[]);
  }
}

/**
 * Arguments of one field node are the same values every time it runs in one operation (they
 * come from the document and its variables), so they are validated once per request: a page
 * of 50 customers would otherwise validate `contacts(first: 3)` 50 times, a measurable share
 * of a list request. Keyed by the request's context and the field's AST node.
 */
const validated = new WeakMap<object, WeakMap<object, Map<unknown, Promise<void>>>>();
function validateOncePerRequest(value: unknown, type: unknown, { context, info }: ResolverData<object>): Promise<void> {
  if (!isObject(value)) return Promise.resolve();
  let perRequest = validated.get(context);
  if (!perRequest) validated.set(context, (perRequest = new WeakMap()));
  const node = info.fieldNodes[0];
  let byType = perRequest.get(node);
  if (!byType) perRequest.set(node, (byType = new Map()));
  let outcome = byType.get(type);
  if (!outcome) byType.set(type, (outcome = validateArgument(value)));
  return outcome;
}

/** Builds the executable schema; the SDL of the result is schema/schema.graphql. */
export function createSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: RESOLVERS,
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    validateFn: validateOncePerRequest,
    emitSchemaFile: false,
    // Required by type-graphql for any @Subscription; ours bring their own `subscribe` (the change stream).
    pubSub: NO_TOPICS,
  });
}
