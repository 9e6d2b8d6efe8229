import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { ReadRecorder } from '../auth/read-recorder';
import { ReadKind } from '../auth/read-kind';
import type { Viewer } from '../auth/jwt';
import { assertMayQueryBy, mayQueryBy } from '../auth/queryable';
import { FIELDS } from '../auth/fields';
import { Customer } from '../customers/customer.entity';
import { scopeVariant } from '../auth/row-scope';
import { dialectOf } from '../db/data-source';
import { DateUnit, type GroupRow } from './stats.types';
import { type Dimension, FUNCTIONS, type Measure, sortKeys, type StatsSpec } from './stats.spec';

export interface StatsRequest {
  groupBy?: string[];
  period?: { field: string; unit: DateUnit };
  orderBy?: { field: string; direction: 'ASC' | 'DESC' };
  first?: number;
  /** Per function (SUM, AVG, MIN, MAX), the measures asked for. */
  measures: Record<(typeof FUNCTIONS)[number], Set<string>>;
}

export interface StatsAnswer {
  groups: GroupRow[];
  hasMore: boolean;
  readonly totalCount: Promise<number>;
}

/** Who asks: their view of the data, and the request's read audit (查阅登记). */
export interface StatsCaller {
  viewer: Viewer;
  reads: ReadRecorder;
}

const ID_DIMENSIONS: Record<string, string> = {
  owner: 'ownerId',
  handler: 'handlerId',
  user: 'userId',
  customer: 'customerId',
};
const CUSTOMER = 'gc';

/** A period label in SQL, the same text on both databases (UTC). */
function bucket(ds: DataSource, column: string, unit: DateUnit): string {
  if (dialectOf(ds) === 'mysql') {
    switch (unit) {
      case DateUnit.DAY:
        return `DATE_FORMAT(${column}, '%Y-%m-%d')`;
      case DateUnit.WEEK:
        return `DATE_FORMAT(DATE_SUB(DATE(${column}), INTERVAL WEEKDAY(${column}) DAY), '%Y-%m-%d')`;
      case DateUnit.MONTH:
        return `DATE_FORMAT(${column}, '%Y-%m')`;
      case DateUnit.QUARTER:
        return `CONCAT(YEAR(${column}), '-Q', QUARTER(${column}))`;
      case DateUnit.YEAR:
        return `DATE_FORMAT(${column}, '%Y')`;
    }
  }
  switch (unit) {
    case DateUnit.DAY:
      return `strftime('%Y-%m-%d', ${column})`;
    // 'weekday 0' moves to the next Sunday (or stays on one): six days back is that week's Monday.
    case DateUnit.WEEK:
      return `date(${column}, 'weekday 0', '-6 days')`;
    case DateUnit.MONTH:
      return `strftime('%Y-%m', ${column})`;
    case DateUnit.QUARTER:
      return `strftime('%Y', ${column}) || '-Q' || ((CAST(strftime('%m', ${column}) AS INTEGER) + 2) / 3)`;
    case DateUnit.YEAR:
      return `strftime('%Y', ${column})`;
  }
}

const isCredit = (reads: [string, string]) => FIELDS[reads[0]]?.credit?.includes(reads[1]) ?? false;

/**
 * Counts and totals of one record type in groups, computed by the database in one GROUP BY
 * statement over the rows the list would show (its scoped, filtered query builder), never
 * by loading rows here. Every dimension, period, total and sort key is checked against the
 * caller's read rules first; totals of fields the caller may not read are not computed (the
 * schema answers them FORBIDDEN). Confidential rows that contribute are recorded in the
 * read audit like rows read one by one: A-class archives for roles that see them, and every
 * archive whose credit fields a total or group reads.
 */
export class StatsService {
  constructor(private readonly ds: DataSource) {}

  async run(
    caller: StatsCaller,
    spec: StatsSpec,
    rows: SelectQueryBuilder<ObjectLiteral>,
    request: StatsRequest,
  ): Promise<StatsAnswer> {
    const { viewer } = caller;
    const a = spec.alias;
    const dims: Dimension[] = [...new Set(request.groupBy ?? [])].map((name) => {
      const d = spec.dimensions[name];
      assertMayQueryBy(viewer, d.reads[0], d.reads[1], `groupBy ${name}`);
      return d;
    });
    const date = request.period && spec.dates[request.period.field];
    if (date) assertMayQueryBy(viewer, date.reads[0], date.reads[1], `period ${request.period!.field}`);
    const sort = request.orderBy ?? { field: 'COUNT', direction: 'DESC' as const };
    const keys = sortKeys(spec);
    const measures: { fn: string; m: Measure }[] = [];
    for (const fn of FUNCTIONS) {
      for (const m of spec.measures) {
        const sortsBy =
          keys[sort.field] && sort.field === `${fn}_${m.key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}`;
        if (sortsBy) assertMayQueryBy(viewer, m.reads[0], m.reads[1], `orderBy ${sort.field}`);
        if ((request.measures[fn].has(m.key) || sortsBy) && mayQueryBy(viewer, m.reads[0], m.reads[1]))
          measures.push({ fn, m });
      }
    }

    const counted = rows.clone();
    const qb = rows.clone();
    const needsCustomer = spec.type !== 'Customer';
    if (needsCustomer) qb.innerJoin(Customer, CUSTOMER, `${CUSTOMER}.id = ${a}.customer_id`);
    const col = (d: Dimension) => `${d.on === 'row' ? a : CUSTOMER}.${d.column}`;
    qb.select('COUNT(*)', 'n');
    const groupAliases: string[] = [];
    if (date) {
      qb.addSelect(bucket(this.ds, `${a}.${date.column}`, request.period!.unit), 'period');
      groupAliases.push('period');
    }
    for (const d of dims) {
      qb.addSelect(col(d), `d_${d.key}`);
      groupAliases.push(`d_${d.key}`);
    }
    for (const { fn, m } of measures) {
      const expr = `${fn}(${a}.${m.column})`;
      qb.addSelect(m.money || fn === 'AVG' ? `ROUND(${expr}, 2)` : expr, `m_${fn}_${m.key}`);
    }
    groupAliases.forEach((g, i) => (i === 0 ? qb.groupBy(g) : qb.addGroupBy(g)));
    const sortAlias =
      sort.field === 'COUNT'
        ? 'n'
        : sort.field === 'KEY'
          ? null
          : (() => {
              const hit = measures.find(
                ({ fn, m }) => sort.field === `${fn}_${m.key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}`,
              );
              return hit ? `m_${hit.fn}_${hit.m.key}` : 'n';
            })();
    qb.orderBy();
    if (sortAlias) qb.addOrderBy(sortAlias, sort.direction);
    for (const g of groupAliases) qb.addOrderBy(g, sortAlias ? 'ASC' : sort.direction);
    const first = request.first ?? 100;
    const raw: Record<string, unknown>[] = await qb.limit(first + 1).getRawMany();

    await this.audit(
      caller,
      spec,
      counted,
      dims.some((d) => isCredit(d.reads)) || measures.some(({ m }) => isCredit(m.reads)),
      measures,
    );
    const groups = raw.slice(0, first).map((r) => this.group(r, dims, measures, Boolean(date)));
    const hasMore = raw.length > first;
    let total: Promise<number> | undefined;
    return {
      groups,
      hasMore,
      // Each record is in exactly one group: with every group answered, their counts are the total
      // and no second pass over the rows is needed (at a million archives, a fifth of S5's time).
      get totalCount() {
        total ??= hasMore ? counted.getCount() : Promise.resolve(groups.reduce((n, g) => n + g.count, 0));
        return total;
      },
    };
  }

  private group(
    r: Record<string, unknown>,
    dims: Dimension[],
    measures: { fn: string; m: Measure }[],
    period: boolean,
  ): GroupRow {
    const out: GroupRow = { count: Number(r.n), sum: {}, avg: {}, min: {}, max: {} };
    if (period) out.period = r.period == null ? null : String(r.period);
    for (const d of dims) {
      const value = r[`d_${d.key}`];
      const idKey = ID_DIMENSIONS[d.key];
      if (idKey) out[idKey] = value == null ? null : Number(value);
      else out[d.key] = value == null ? null : d.key === 'starRating' ? Number(value) : value;
    }
    for (const { fn, m } of measures) {
      const value = r[`m_${fn}_${m.key}`];
      (out[fn.toLowerCase()] as Record<string, unknown>)[m.key] =
        value == null ? null : m.money ? value : Number(value);
    }
    return out;
  }

  /** Contributing archives, into the read audit: A-class ones for roles that may see them, all when credit fields were totalled. */
  private async audit(
    caller: StatsCaller,
    spec: StatsSpec,
    rows: SelectQueryBuilder<ObjectLiteral>,
    credit: boolean,
    measures: { fn: string; m: Measure }[],
  ): Promise<void> {
    const classA = scopeVariant(caller.viewer) !== 'no-class-a';
    if (!classA && !credit) return;
    const qb = rows.clone();
    const c = spec.type === 'Customer' ? spec.alias : CUSTOMER;
    if (spec.type !== 'Customer') qb.innerJoin(Customer, CUSTOMER, `${CUSTOMER}.id = ${spec.alias}.customer_id`);
    qb.select(`${c}.id`, 'id')
      .addSelect(`${c}.archive_no`, 'archiveNo')
      .addSelect(`${c}.abc_class`, 'abcClass')
      .distinct(true)
      .orderBy();
    if (!credit) qb.andWhere(`${c}.abc_class = 'A'`);
    const archives: { id: unknown; archiveNo: string; abcClass: string }[] = await qb.getRawMany();
    const creditFields = measures
      .filter(({ m }) => isCredit(m.reads))
      .map(({ fn, m }) => `${spec.type}Stats.${fn.toLowerCase()}.${m.key}`);
    for (const archive of archives) {
      const id = Number(archive.id);
      if (archive.abcClass === 'A' && classA)
        caller.reads.note(id, archive.archiveNo, ReadKind.A_CLASS_ARCHIVE, `${spec.type}Stats`);
      if (credit)
        for (const field of creditFields.length ? creditFields : [`${spec.type}Stats.groupBy`])
          caller.reads.note(id, archive.archiveNo, ReadKind.CREDIT_FIELDS, field);
    }
  }
}
