import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { signToken } from '../../src/auth/jwt';
import type { Role } from '../../src/auth/roles';
import { POLICY } from '../../src/auth/policy';
import { loadConfig } from '../../src/config/config';
import { openDataSource } from '../../src/db/data-source';
import { seedCustomers } from '../../src/demo/seed';
import { startApp } from '../../src/server/app';
import { createSchema } from '../../src/server/schema';
import { createLogger } from '../../src/server/logger';
import { BENCH_ID_SECRET, BENCH_JWT_SECRET } from './bench-secrets';
import { ENTITIES } from '../../src/server/entities';

/**
 * Cost of the access rules: the same server, same database and same nested page of 50
 * customers (contacts and trades), with the rules (shield, masking, read audit) on and off.
 * Rounds alternate on/off so machine noise hits both alike; the ratio is what we report.
 */
/** The page a screen of this role would ask for: credit fields only where the role reads them. */
const query = (
  credit: boolean,
) => `query Page { customers(first: 50, orderBy: { field: TRADE_TOTAL, direction: DESC }) { totalCount edges { node {
  id archiveNo name abcClass region city tradeTotal lastTradeAt ${credit ? 'creditLimit outstandingBalance' : ''} owner { name }
  contacts(first: 3) { edges { node { name title mobile email } } }
  trades(first: 5) { edges { node { tradeNo kind amount occurredAt } } } } } } }`;

export interface ShieldResult {
  role: Role;
  rulesOn: number;
  rulesOff: number;
  ratio: number;
}

async function rps(url: string, token: string, seconds: number, body: string): Promise<number> {
  const result = await autocannon({
    url,
    method: 'POST',
    connections: 8,
    duration: seconds,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body,
  });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`benchmark requests failed: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result.requests.average;
}

export async function benchShield(rounds = 3, seconds = 5): Promise<ShieldResult[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-shield-'));
  const config = loadConfig({
    DATA_DIR: dir,
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
    JWT_SECRET: BENCH_JWT_SECRET,
    ID_SECRET: BENCH_ID_SECRET,
  });
  const log = createLogger('silent');
  const dsOn = await openDataSource({ entities: ENTITIES, dataDir: dir });
  await dsOn.runMigrations();
  await seedCustomers(dsOn, 300);
  const dsOff = await openDataSource({ entities: ENTITIES, dataDir: dir });
  const on = await startApp(config, dsOn, log, 0);
  // The same parts without the rules: the bare schema has no shield, masking or read audit.
  const off = await startApp(config, dsOff, log, 0, { schema: await createSchema() });
  const results: ShieldResult[] = [];
  try {
    for (const role of ['sales_manager', 'analyst'] as Role[]) {
      const token = await signToken(config, '2', [role]);
      const body = JSON.stringify({ query: query(POLICY[role].readsCredit) });
      await rps(on.url, token, 1, body);
      await rps(off.url, token, 1, body);
      let sumOn = 0;
      let sumOff = 0;
      for (let i = 0; i < rounds; i++) {
        sumOn += await rps(on.url, token, seconds, body);
        sumOff += await rps(off.url, token, seconds, body);
      }
      results.push({
        role,
        rulesOn: sumOn / rounds,
        rulesOff: sumOff / rounds,
        ratio: sumOn / sumOff,
      });
    }
  } finally {
    await on.stop();
    await off.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return results;
}
