import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { jwtVerify } from 'jose';
import mysql from 'mysql2/promise';
import { applyMask } from '../../../src/auth/personal';
import { POLICY } from '../../../src/auth/policy';
import type { Role } from '../../../src/auth/roles';
import { openId, sealId } from '../../../src/common/global-id';
import { DETAIL_CREDIT_FIELDS, DETAIL_FIELDS } from './queries';

/**
 * The handwritten baseline of S1 and S2: express + mysql2, the fewest statements we know how
 * to write by hand (one per relation level, window functions for the nested pages), answering
 * the same JSON as the API for the same caller: same ids and cursors, same masks, no credit
 * fields for roles that may not read them, no A-class archives for roles that may not see them.
 * It writes no read audit and checks no query limits: it is the floor the API is compared with.
 *
 * POST /s1 { first, after } and POST /s2 { id }, with the caller's bearer token.
 */
export interface Baseline {
  url: string;
  stop(): Promise<void>;
}

interface Caller {
  seesClassA: boolean;
  readsCredit: boolean;
  masked: boolean;
}

const snake = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const json = (v: unknown) => (v instanceof Date ? v.toISOString() : v);
const CLASS_A_HIDDEN = "c.abc_class <> 'A'";

/** The same masks as the API's Contact fields (src/auth/fields.ts), applied once per row. */
const CONTACT_MASKS = {
  name: 'name',
  mobile: 'phone',
  email: 'email',
  wechat: 'handle',
  birthday: 'year',
  gender: 'show',
} as const;
function contact(row: Record<string, unknown>, fields: readonly string[], masked: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const value = f === 'isPrimary' ? Boolean(row[f]) : row[f];
    const mask = CONTACT_MASKS[f as keyof typeof CONTACT_MASKS];
    out[f] = masked && mask ? applyMask(value, mask) : value;
  }
  return out;
}

const pick = (row: Record<string, unknown>, fields: readonly string[]) =>
  Object.fromEntries(fields.map((f) => [f, json(row[f])]));
const edges = <T>(rows: T[], node: (row: T) => unknown) => ({ edges: rows.map((r) => ({ node: node(r) })) });

/** Rows grouped by customer_id, in the order the statement returned them. */
function byCustomer(rows: Record<string, unknown>[]): Map<number, Record<string, unknown>[]> {
  const out = new Map<number, Record<string, unknown>[]>();
  for (const row of rows) {
    const id = row.customerId as number;
    let list = out.get(id);
    if (!list) out.set(id, (list = []));
    list.push(row);
  }
  return out;
}

/** The first n children of each customer in `ids`, in one statement: ROW_NUMBER per customer. */
function childrenSql(table: string, columns: string[], order: string, n: number, ids: number[]): [string, unknown[]] {
  const cols = columns.map((c) => `${snake(c)} AS ${c}`).join(', ');
  return [
    `SELECT * FROM (SELECT customer_id AS customerId, ${cols}, ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY ${order}) AS rn` +
      ` FROM ${table} WHERE customer_id IN (?)) x WHERE rn <= ? ORDER BY customerId, rn`,
    [ids, n],
  ];
}

async function s1(pool: mysql.Pool, caller: Caller, first: number, after?: string) {
  const credit = caller.readsCredit ? ['creditLimit', 'outstandingBalance'] : [];
  const fields = ['archiveNo', 'name', 'abcClass', 'region', 'city', 'tradeTotal', 'lastTradeAt', ...credit];
  const where: string[] = [];
  const params: unknown[] = [];
  if (!caller.seesClassA) where.push(CLASS_A_HIDDEN);
  if (after) {
    const [value, gid] = JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) as [string, string];
    const at = new Date(value);
    where.push('(c.created_at < ? OR (c.created_at = ? AND c.id < ?))');
    params.push(at, at, openId(gid)!.n);
  }
  const [rows] = (await pool.query(
    `SELECT c.id, c.created_at AS createdAt, ${fields.map((f) => `c.${snake(f)} AS ${f}`).join(', ')}, u.name AS ownerName, u.department AS ownerDepartment, c.owner_id AS ownerId` +
      ` FROM customer c LEFT JOIN \`user\` u ON u.id = c.owner_id ${where.length ? `WHERE ${where.join(' AND ')}` : ''}` +
      ' ORDER BY c.created_at DESC, c.id DESC LIMIT ?',
    [...params, first + 1],
  )) as unknown as [Record<string, unknown>[]];
  const page = rows.slice(0, first);
  const ids = page.map((r) => r.id as number);
  const [contacts, trades] =
    ids.length === 0
      ? [new Map(), new Map()]
      : await Promise.all(
          [
            pool.query(...childrenSql('contact', ['name', 'title', 'mobile', 'email'], 'created_at, id', 3, ids)),
            pool.query(
              ...childrenSql('trade', ['tradeNo', 'kind', 'amount', 'occurredAt'], 'occurred_at DESC, id DESC', 5, ids),
            ),
          ].map(async (q) => byCustomer((await q)[0] as Record<string, unknown>[])),
        );
  const customerEdges = page.map((row) => {
    const id = sealId('Customer', row.id as number);
    return {
      cursor: Buffer.from(JSON.stringify([(row.createdAt as Date).toISOString(), id]), 'utf8').toString('base64url'),
      node: {
        id,
        ...pick(row, fields),
        owner: row.ownerId == null ? null : { name: row.ownerName, department: row.ownerDepartment },
        contacts: edges(contacts.get(row.id as number) ?? [], (k) =>
          contact(k as Record<string, unknown>, ['name', 'title', 'mobile', 'email'], caller.masked),
        ),
        trades: edges(trades.get(row.id as number) ?? [], (t) =>
          pick(t as Record<string, unknown>, ['tradeNo', 'kind', 'amount', 'occurredAt']),
        ),
      },
    };
  });
  return {
    data: {
      customers: {
        edges: customerEdges,
        pageInfo: { hasNextPage: rows.length > first, endCursor: customerEdges.at(-1)?.cursor ?? null },
      },
    },
  };
}

const S2_CONTACT = ['name', 'gender', 'title', 'mobile', 'email', 'wechat', 'birthday', 'isPrimary'];
const S2_TRADE = ['tradeNo', 'kind', 'occurredAt', 'amount', 'paymentMethod', 'paymentStatus', 'dueAt'];
const S2_COMPLAINT = ['receivedAt', 'channel', 'category', 'severity', 'status', 'content'];
const S2_VISIT = ['kind', 'plannedAt', 'occurredAt', 'subject', 'outcome'];

async function s2(pool: mysql.Pool, caller: Caller, globalId: string) {
  const opened = openId(globalId);
  if (!opened || opened.kind !== 'Customer') return { data: { customer: null } };
  const fields = [...DETAIL_FIELDS, ...(caller.readsCredit ? DETAIL_CREDIT_FIELDS : [])];
  const [[row]] = (await pool.query(
    `SELECT c.id, ${fields.map((f) => `c.${snake(f)} AS ${f}`).join(', ')}, u.name AS ownerName, u.department AS ownerDepartment, c.owner_id AS ownerId` +
      ` FROM customer c LEFT JOIN \`user\` u ON u.id = c.owner_id WHERE c.id = ?${caller.seesClassA ? '' : ` AND ${CLASS_A_HIDDEN}`}`,
    [opened.n],
  )) as unknown as [Record<string, unknown>[]];
  if (!row) return { data: { customer: null } };
  const child = (table: string, columns: string[], order: string, n: number) =>
    pool
      .query(
        `SELECT ${columns.map((c) => `${snake(c)} AS ${c}`).join(', ')} FROM ${table} WHERE customer_id = ? ORDER BY ${order} LIMIT ?`,
        [row.id, n],
      )
      .then(([rows]) => rows as Record<string, unknown>[]);
  const [contacts, trades, complaints, visits] = await Promise.all([
    child('contact', S2_CONTACT, 'created_at, id', 10),
    child('trade', S2_TRADE, 'occurred_at DESC, id DESC', 20),
    child('complaint', S2_COMPLAINT, 'received_at DESC, id DESC', 10),
    child('visit', S2_VISIT, 'planned_at DESC, id DESC', 10),
  ]);
  return {
    data: {
      customer: {
        id: sealId('Customer', row.id as number),
        ...pick(row, fields),
        owner: row.ownerId == null ? null : { name: row.ownerName, department: row.ownerDepartment },
        contacts: edges(contacts, (k) => contact(k, S2_CONTACT, caller.masked)),
        trades: edges(trades, (t) => pick(t, S2_TRADE)),
        complaints: edges(complaints, (p) => pick(p, S2_COMPLAINT)),
        visits: edges(visits, (v) => pick(v, S2_VISIT)),
      },
    },
  };
}

export async function startBaseline(databaseUrl: string, jwtSecret: string): Promise<Baseline> {
  const pool = mysql.createPool({
    uri: databaseUrl,
    connectionLimit: 20,
    timezone: 'Z',
    dateStrings: ['DATE'],
    supportBigNumbers: true,
    charset: 'utf8mb4_unicode_ci',
  });
  const key = new TextEncoder().encode(jwtSecret);
  const callerOf = async (req: express.Request): Promise<Caller> => {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!token) throw new Error('no token');
    const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'] });
    const roles = (payload.roles as Role[]).map((r) => POLICY[r]);
    return {
      seesClassA: roles.some((p) => p.seesClassA),
      readsCredit: roles.some((p) => p.readsCredit),
      masked: !roles.some((p) => p.personalData === 'full') && roles.some((p) => p.personalData === 'masked'),
    };
  };
  const app = express();
  app.post('/s1', express.json(), async (req, res, next) => {
    try {
      res.json(await s1(pool, await callerOf(req), Number(req.body.first), req.body.after ?? undefined));
    } catch (err) {
      next(err);
    }
  });
  app.post('/s2', express.json(), async (req, res, next) => {
    try {
      res.json(await s2(pool, await callerOf(req), String(req.body.id)));
    } catch (err) {
      next(err);
    }
  });
  app.get('/cpu', (_req, res) => {
    const { user, system } = process.cpuUsage();
    res.json({ seconds: (user + system) / 1e6, rssBytes: process.memoryUsage.rss() });
  });
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      await new Promise((r) => server.close(r));
      await pool.end();
    },
  };
}
