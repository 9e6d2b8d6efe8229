import type { DataSource } from 'typeorm';
import type { Viewer } from '../auth/jwt';
import { POLICY } from '../auth/policy';
import type { Page } from '../common/connection';
import { forbidden } from '../common/errors';
import { idOrNull, toGlobalId } from '../common/global-id';
import type { Clock } from '../config/rules';
import { type Contact } from '../contacts/contact.entity';
import type { ContactService } from '../contacts/contact.service';
import { type Customer } from '../customers/customer.entity';
import { ArchiveStatus } from '../customers/customer.enums';
import type { CustomerService } from '../customers/customer.service';
import { CONSENTS_TO_MARKETING } from './consent';
import { type Anniversary, AnniversaryKind, type BirthdayArgs, type ReminderArgs } from './care.types';
import { dayKey, type KeyWindow, keyWindow, nextOccurrence } from './day-key';
import { aheadOf, decodePlace, inWindow, windowOf, windowParams, yearlyPage } from './yearly-page';

const ahead = (key: number, w: KeyWindow) => (key >= w.from ? key - w.from : key + 10000 - w.from);
const KINDS = [AnniversaryKind.FOUNDING, AnniversaryKind.FIRST_TRADE];
const COLUMNS = { [AnniversaryKind.FOUNDING]: 'founded_key', [AnniversaryKind.FIRST_TRADE]: 'first_trade_key' };
const utcDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * 生日、店庆 (DOMAIN rule 11): reminders for greetings in the next days, from the day keys kept
 * beside birthdays, founding days and first trades (day-key.ts), ACTIVE customers only.
 * Birthdays are personal data: listed only to roles that read them in full (a sales rep: its
 * own customers' contacts), and for marketing only of contacts who consented to it.
 */
export class CareRemindersService {
  constructor(
    private readonly ds: DataSource,
    private readonly customers: CustomerService,
    private readonly contacts: ContactService,
    private readonly clock: Clock,
  ) {}

  async birthdays(viewer: Viewer, args: BirthdayArgs): Promise<Page<Contact>> {
    const views = viewer.roles.map((role) => POLICY[role].personalData);
    if (!views.includes('full') && !views.includes('own'))
      throw forbidden('birthdays are personal data your role sees masked or not at all');
    const w = keyWindow(this.clock(), args.days);
    const qb = this.contacts
      .scoped(viewer, 'k')
      .andWhere(inWindow('k.birthdayKey', w), windowParams(w))
      .andWhere(
        `EXISTS (SELECT 1 FROM customer bc WHERE bc.id = k.customer_id AND bc.status = :active${views.includes('full') ? '' : ' AND bc.owner_id = :me'})`,
        { active: ArchiveStatus.ACTIVE, me: viewer.userId },
      );
    if (args.marketing) qb.andWhere(CONSENTS_TO_MARKETING('k'), { consenting: true });
    const count = qb.clone();
    const win = windowOf(args);
    const dir = (backward: boolean) => (backward ? 'DESC' : 'ASC');
    for (const [cursor, side] of [
      [win.after, 'after'],
      [win.before, 'before'],
    ] as const) {
      if (!cursor) continue;
      const at = decodePlace(cursor, side, (key) => idOrNull(key, 'Contact'));
      const op = side === 'after' ? '>' : '<';
      qb.andWhere(
        `(${aheadOf('k.birthdayKey')} ${op} :${side}Ahead OR (${aheadOf('k.birthdayKey')} = :${side}Ahead AND k.id ${op} :${side}Id))`,
        { [`${side}Ahead`]: at.ahead, [`${side}Id`]: at.key },
      );
    }
    const rows =
      win.limit === 0
        ? []
        : await qb
            .orderBy(aheadOf('k.birthdayKey'), dir(win.backward))
            .addOrderBy('k.id', dir(win.backward))
            .limit(win.limit + 1)
            .getMany();
    return yearlyPage(
      rows,
      win,
      (k) => ({ ahead: ahead(k.birthdayKey!, w), key: toGlobalId('Contact', k.id) }),
      () => count.getCount(),
    );
  }

  /** Founding days and first-trade days of ACTIVE customers the caller sees, at least one year back. */
  async anniversaries(viewer: Viewer, args: ReminderArgs): Promise<Page<Anniversary>> {
    const today = this.clock();
    const w = keyWindow(today, args.days);
    const parts = KINDS.map((kind, bit) => {
      const column = `c.${COLUMNS[kind]}`;
      const qb = this.customers
        .scoped(viewer)
        .select('c.id', 'cid')
        .addSelect(`${bit}`, 'kb')
        .addSelect(aheadOf(column), 'ahead')
        .andWhere(inWindow(column, w), windowParams(w))
        .andWhere('c.status = :active', { active: ArchiveStatus.ACTIVE })
        .andWhere(kind === AnniversaryKind.FOUNDING ? 'c.foundedOn < :today' : 'c.firstTradeAt < :todayStart', {
          today: utcDay(today),
          todayStart: new Date(`${utcDay(today)}T00:00:00.000Z`),
        });
      return qb.getQueryAndParameters();
    });
    const union = `(${parts[0][0]} UNION ALL ${parts[1][0]}) u`;
    const unionParams = [...parts[0][1], ...parts[1][1]];
    const win = windowOf(args);
    const conditions: string[] = [];
    const params: unknown[] = [...unionParams];
    for (const [cursor, side] of [
      [win.after, 'after'],
      [win.before, 'before'],
    ] as const) {
      if (!cursor) continue;
      const at = decodePlace(cursor, side, parseAnniversaryKey);
      const op = side === 'after' ? '>' : '<';
      conditions.push(`(u.ahead ${op} ? OR (u.ahead = ? AND (u.cid ${op} ? OR (u.cid = ? AND u.kb ${op} ?))))`);
      params.push(at.ahead, at.ahead, at.key.customerId, at.key.customerId, KINDS.indexOf(at.key.kind));
    }
    const dir = win.backward ? 'DESC' : 'ASC';
    const sql =
      `SELECT u.cid AS cid, u.kb AS kb, u.ahead AS ahead FROM ${union}${conditions.length ? ` WHERE ${conditions.join(' AND ')}` : ''}` +
      ` ORDER BY u.ahead ${dir}, u.cid ${dir}, u.kb ${dir} LIMIT ${win.limit + 1}`;
    const rows =
      win.limit === 0 ? [] : ((await this.ds.query(sql, params)) as { cid: unknown; kb: unknown; ahead: unknown }[]);
    const found = await this.customers.byIds(
      viewer,
      rows.map((r) => Number(r.cid)),
    );
    // A customer hidden since the first statement (reclassified, say) is left out, as it now does not exist for the caller.
    const items = rows.flatMap((r, i) =>
      found[i] ? [{ item: anniversary(found[i]!, KINDS[Number(r.kb)], today), ahead: Number(r.ahead) }] : [],
    );
    const count = () =>
      this.ds.query(`SELECT COUNT(*) AS n FROM ${union}`, unionParams).then((r: { n: unknown }[]) => Number(r[0].n));
    const page = yearlyPage(items, win, ({ item, ahead: at }) => ({ ahead: at, key: item.id }), count);
    // totalCount stays lazy: counted only when asked for.
    return {
      edges: page.edges.map(({ cursor, node }) => ({ cursor, node: node.item })),
      pageInfo: page.pageInfo,
      get totalCount() {
        return page.totalCount;
      },
    };
  }
}

function anniversary(customer: Customer, kind: AnniversaryKind, today: Date): Anniversary {
  const day = kind === AnniversaryKind.FOUNDING ? customer.foundedOn! : new Date(customer.firstTradeAt!).toISOString();
  const on = nextOccurrence(dayKey(day)!, today);
  return {
    id: `${kind}:${toGlobalId('Customer', customer.id)}`,
    kind,
    on,
    years: Number(on.slice(0, 4)) - Number(day.slice(0, 4)),
    customer,
  };
}

function parseAnniversaryKey(key: string): { kind: AnniversaryKind; customerId: number } | null {
  const [kind, globalId] = key.split(':');
  const customerId = globalId ? idOrNull(globalId, 'Customer') : null;
  return KINDS.includes(kind as AnniversaryKind) && customerId !== null
    ? { kind: kind as AnniversaryKind, customerId }
    : null;
}
