import type express from 'express';
import type { DataSource } from 'typeorm';
import { databaseOutage } from '../db/errors';
import { storageProblem } from '../db/readiness';
import { withDeadline } from '../db/wait-limits';
import type { Logger } from './logger';

export interface Health {
  /**
   * From now on /readyz answers 503 and every answer asks its client to close the connection,
   * while requests are still served: a load balancer moves traffic away before the listening
   * socket closes, so no request is refused or cut off (issue 20, item 5).
   */
  startDraining(): void;
}

/**
 * GET /healthz: the process is up. GET /readyz: this instance should get traffic: the
 * database answers within READYZ_TIMEOUT_MS (a late answer counts as none), an SQLite disk
 * has room for writes, and no shutdown is under way. Register before the other routes.
 */
export function healthRoutes(app: express.Express, ds: DataSource, log: Logger, readyTimeoutMs: number): Health {
  let draining = false;
  app.use((_req, res, next) => {
    if (draining) res.setHeader('connection', 'close');
    next();
  });
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    if (draining) return void res.status(503).json({ status: 'shutting down' });
    try {
      const problem = await withDeadline(Date.now() + readyTimeoutMs, async () => {
        await ds.query('SELECT 1');
        // Ready means writes can be stored too: a full disk answers 503 until space is freed.
        return storageProblem(ds);
      });
      res.status(problem ? 503 : 200).json({ status: problem ?? 'ready' });
    } catch (err) {
      log.warn({ err }, 'readiness check failed');
      const slow = databaseOutage(err) === 'slow';
      res
        .status(503)
        .json({ status: slow ? `database did not answer within ${readyTimeoutMs} ms` : 'database unreachable' });
    }
  });
  return { startDraining: () => void (draining = true) };
}
