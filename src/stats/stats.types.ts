import { ArgsType, ClassType, Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ArrayMaxSize, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { DecimalScalar } from '../common/decimal.scalar';
import { SortDirection } from '../common/sort';
import { ComplaintCategory, ComplaintChannel, ComplaintStatus, Severity } from '../complaints/complaint.enums';
import { ComplaintFilter } from '../complaints/complaint.inputs';
import { ComplaintWhere } from '../complaints/complaint.where';
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
} from '../customers/customer.enums';
import { CustomerFilter } from '../customers/customer.inputs';
import { CustomerWhere } from '../customers/customer.where';
import { PaymentMethod, PaymentStatus, TradeKind } from '../trades/trade.enums';
import { TradeFilter } from '../trades/trade.inputs';
import { TradeWhere } from '../trades/trade.where';
import { VisitKind } from '../visits/visit.enums';
import { VisitFilter } from '../visits/visit.inputs';
import { VisitWhere } from '../visits/visit.where';
import { COMPLAINT_STATS, CUSTOMER_STATS, sortKeys, StatsSpec, TRADE_STATS, VISIT_STATS } from './stats.spec';

export const MAX_GROUPS = 100;
const opt = { nullable: true } as const;

export enum DateUnit {
  DAY = 'DAY',
  WEEK = 'WEEK',
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
  YEAR = 'YEAR',
}
registerEnumType(DateUnit, {
  name: 'DateUnit',
  description:
    'Buckets of a period, in UTC: DAY 2026-03-05, WEEK the Monday it starts on (2026-03-02), MONTH 2026-03, QUARTER 2026-Q1, YEAR 2026',
});

const VISIBILITY =
  'Computed over the records your role may see (A-class archives only for roles that see them, or under an access grant)' +
  ' and over fields your role may read: grouping, bucketing, totalling or sorting by any other field is refused with FORBIDDEN,' +
  ' so totals leave out what your role cannot see.';

/** The enums and inputs of one record type's statistics, made from its spec. */
function statsInputs(spec: StatsSpec) {
  const dimensions = Object.fromEntries(Object.keys(spec.dimensions).map((k) => [k, k]));
  registerEnumType(dimensions, {
    name: `${spec.type}Dimension`,
    description: `What ${spec.type.toLowerCase()} totals can be grouped by.`,
  });
  const dates = Object.fromEntries(Object.keys(spec.dates).map((k) => [k, k]));
  registerEnumType(dates, {
    name: `${spec.type}DateField`,
    description: `Dates ${spec.type.toLowerCase()} totals can be bucketed by.`,
  });
  const sorts = sortKeys(spec);
  registerEnumType(sorts, {
    name: `${spec.type}StatsSortField`,
    description: "COUNT, KEY (the group's own values, period first), or a total of a measure.",
  });

  @InputType(`${spec.type}Period`, { description: 'Groups by a period of a date field as well.' })
  class Period {
    @Field(() => dates) field: string;
    @Field(() => DateUnit) unit: DateUnit;
  }

  @InputType(`${spec.type}StatsOrder`)
  class Order {
    @Field(() => sorts) field: string;
    @Field(() => SortDirection, { defaultValue: SortDirection.DESC }) direction: SortDirection;
  }
  return { dimensions, Period, Order };
}

/** The arguments of a statistics query; the filters are the list's own. */
function statsArgs<F extends object>(spec: StatsSpec, filter: ClassType<F>, where: object) {
  const { dimensions, Period, Order } = statsInputs(spec);
  @ArgsType()
  class StatsArgs {
    @Field(() => Int, {
      nullable: true,
      defaultValue: MAX_GROUPS,
      description: `Groups at most (at most ${MAX_GROUPS}); narrow with where or a coarser period for more.`,
    })
    @IsOptional()
    @Min(1)
    @Max(MAX_GROUPS)
    first?: number;
    @Field(() => [dimensions], opt) @IsOptional() @ArrayMaxSize(4) groupBy?: string[];
    @Field(() => Period, opt) period?: { field: string; unit: DateUnit };
    @Field(() => Order, { ...opt, description: 'COUNT descending when not given; ties by the group keys.' }) orderBy?: {
      field: string;
      direction: SortDirection;
    };
    @Field(() => filter, opt) @IsOptional() @ValidateNested() filter?: F;
    @Field(() => where, opt) where?: Record<string, unknown>;
  }
  return StatsArgs;
}

@ArgsType()
export class CustomerStatsArgs extends statsArgs(CUSTOMER_STATS, CustomerFilter, CustomerWhere) {}
@ArgsType()
export class TradeStatsArgs extends statsArgs(TRADE_STATS, TradeFilter, TradeWhere) {}
@ArgsType()
export class ComplaintStatsArgs extends statsArgs(COMPLAINT_STATS, ComplaintFilter, ComplaintWhere) {}
@ArgsType()
export class VisitStatsArgs extends statsArgs(VISIT_STATS, VisitFilter, VisitWhere) {}
export type AnyStatsArgs = CustomerStatsArgs | TradeStatsArgs | ComplaintStatsArgs | VisitStatsArgs;

const PERIOD =
  'The period of the group when a period was asked for (see DateUnit); null for records without that date.';
const MEASURES =
  'Null where no record of the group has a value; a credit field is null with FORBIDDEN for roles that may not read it.';

/** A group as the service answers it; ids of people and customers are resolved by stats.resolver.ts. */
export interface GroupRow {
  count: number;
  period?: string | null;
  ownerId?: number | null;
  handlerId?: number | null;
  userId?: number | null;
  customerId?: number | null;
  sum: Record<string, unknown>;
  avg: Record<string, unknown>;
  min: Record<string, unknown>;
  max: Record<string, unknown>;
  [key: string]: unknown;
}

/** What a group takes from its customer (for customers, from themselves). */
// Decorated so subclasses inherit the fields; never referenced itself, so never emitted.
@ObjectType('StatsGroupBase')
abstract class OfCustomer {
  @Field(() => String, { ...opt, description: PERIOD }) period?: string | null;
  @Field(() => Region, opt) region?: Region;
  @Field(() => String, opt) province?: string;
  @Field(() => String, opt) industry?: string;
  @Field(() => AbcClass, opt) abcClass?: AbcClass;
  @Field(() => EnterpriseNature, opt) nature?: EnterpriseNature;
}

@ObjectType({ description: `Totals of a group of customers. ${MEASURES}` })
export class CustomerMeasures {
  @Field(() => DecimalScalar, opt) tradeTotal?: string;
  @Field(() => Float, opt) tradeCount?: number;
  @Field(() => Float, opt) starRating?: number;
  @Field(() => Float, opt) employeeCount?: number;
  @Field(() => DecimalScalar, opt) registeredCapital?: string;
  @Field(() => DecimalScalar, { ...opt, description: 'Credit field: readable by roles that read credit.' })
  creditLimit?: string;
  @Field(() => DecimalScalar, { ...opt, description: 'Credit field: readable by roles that read credit.' })
  outstandingBalance?: string;
}

@ObjectType({
  description: 'One group of customers: the values it was grouped by (the rest null), its count and totals.',
})
export class CustomerGroup extends OfCustomer {
  @Field(() => CustomerKind, opt) kind?: CustomerKind;
  @Field(() => ArchiveStatus, opt) status?: ArchiveStatus;
  @Field(() => CustomerCategory, opt) category?: CustomerCategory;
  @Field(() => CustomerSource, opt) source?: CustomerSource;
  @Field(() => CompanyScale, opt) scale?: CompanyScale;
  @Field(() => Int, opt) starRating?: number;
  @Field(() => CreditLevel, { ...opt, description: 'Credit field: only roles that read credit may group by it.' })
  creditLevel?: CreditLevel;
  @Field(() => PaymentTerms, { ...opt, description: 'Credit field: only roles that read credit may group by it.' })
  paymentTerms?: PaymentTerms;
  @Field(() => Int) count: number;
  @Field(() => CustomerMeasures) sum: CustomerMeasures;
  @Field(() => CustomerMeasures, { description: 'Averages, to the cent (money) or to two decimals.' })
  avg: CustomerMeasures;
  @Field(() => CustomerMeasures) min: CustomerMeasures;
  @Field(() => CustomerMeasures) max: CustomerMeasures;
}

@ObjectType({ description: `Totals of a group of trades. ${MEASURES}` })
export class TradeMeasures {
  @Field(() => DecimalScalar, opt) amount?: string;
  @Field(() => Float, opt) quantity?: number;
}

@ObjectType({
  description:
    "One group of trades: the values it was grouped by (the rest null; region to owner are its customer's), its count and totals.",
})
export class TradeGroup extends OfCustomer {
  @Field(() => TradeKind, opt) kind?: TradeKind;
  @Field(() => PaymentStatus, opt) paymentStatus?: PaymentStatus;
  @Field(() => PaymentMethod, opt) paymentMethod?: PaymentMethod;
  @Field(() => Int) count: number;
  @Field(() => TradeMeasures) sum: TradeMeasures;
  @Field(() => TradeMeasures, { description: 'Averages, to the cent (money) or to two decimals.' }) avg: TradeMeasures;
  @Field(() => TradeMeasures) min: TradeMeasures;
  @Field(() => TradeMeasures) max: TradeMeasures;
}

@ObjectType({ description: `Totals of a group of complaints. ${MEASURES}` })
export class ComplaintMeasures {
  @Field(() => Float, opt) satisfaction?: number;
}

@ObjectType({
  description:
    "One group of complaints: the values it was grouped by (the rest null; region to owner are its customer's), its count and totals.",
})
export class ComplaintGroup extends OfCustomer {
  @Field(() => ComplaintCategory, opt) category?: ComplaintCategory;
  @Field(() => Severity, opt) severity?: Severity;
  @Field(() => ComplaintStatus, opt) status?: ComplaintStatus;
  @Field(() => ComplaintChannel, opt) channel?: ComplaintChannel;
  @Field(() => Int) count: number;
  @Field(() => ComplaintMeasures) sum: ComplaintMeasures;
  @Field(() => ComplaintMeasures, { description: 'Averages, to two decimals.' }) avg: ComplaintMeasures;
  @Field(() => ComplaintMeasures) min: ComplaintMeasures;
  @Field(() => ComplaintMeasures) max: ComplaintMeasures;
}

@ObjectType({
  description:
    "One group of visits: the values it was grouped by (the rest null; region to owner are its customer's) and its count.",
})
export class VisitGroup extends OfCustomer {
  @Field(() => VisitKind, opt) kind?: VisitKind;
  @Field(() => Int) count: number;
}

/** `groups` and how many records they cover. */
function Stats<G>(group: new () => G, type: string) {
  @ObjectType(`${type}Stats`, {
    description: `Counts and totals of ${type.toLowerCase()} records in groups. ${VISIBILITY}`,
  })
  class StatsResult {
    @Field(() => [group], {
      description: 'In the order asked for (COUNT descending by default), ties by the group keys.',
    })
    groups: G[];
    @Field({ description: `True when there are more groups than were answered.` }) hasMore: boolean;
    @Field(() => Int, { description: 'Records matching the filters that the caller may see, over all groups.' })
    totalCount: number;
  }
  return StatsResult;
}
export const CustomerStats = Stats(CustomerGroup, 'Customer');
export const TradeStats = Stats(TradeGroup, 'Trade');
export const ComplaintStats = Stats(ComplaintGroup, 'Complaint');
export const VisitStats = Stats(VisitGroup, 'Visit');
