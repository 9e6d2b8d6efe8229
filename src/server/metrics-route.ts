import crypto from 'node:crypto';
import http from 'node:http';
import express, { type RequestHandler } from 'express';
import type { Config } from '../config/config';
import type { Metrics } from './metrics';

const digest = (text: string) => crypto.createHash('sha256').update(text).digest();

/** Compared as digests: equal lengths for timingSafeEqual, and no timing hint of the token. */
function bearerIs(header: string | undefined, token: string): boolean {
  const given = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
  return given !== undefined && crypto.timingSafeEqual(digest(given), digest(token));
}

export interface MetricsEndpoint {
  /** Where /metrics is served apart from the API (METRICS_PORT), if it is. */
  url?: string;
  close: () => Promise<void>;
}

/**
 * GET /metrics is never open to anonymous callers on the API port (DESIGN.md). With
 * METRICS_PORT it is served on that port only (for a scraper on a private network); with
 * METRICS_TOKEN it asks for `Authorization: Bearer <METRICS_TOKEN>`, on either port; with
 * neither it is not served at all.
 */
export async function serveMetrics(api: express.Express, metrics: Metrics, config: Config): Promise<MetricsEndpoint> {
  const { token, port } = config.metrics;
  const handler: RequestHandler = async (req, res) => {
    if (token && !bearerIs(req.headers.authorization, token)) {
      res
        .status(401)
        .set('www-authenticate', 'Bearer')
        .json({
          errors: [{ message: 'Send Authorization: Bearer <METRICS_TOKEN>.', extensions: { code: 'UNAUTHENTICATED' } }],
        });
      return;
    }
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  };
  if (!port) {
    if (token) api.get('/metrics', handler);
    return { close: async () => undefined };
  }
  const app = express();
  app.disable('x-powered-by');
  app.get('/metrics', handler);
  const server = http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, config.host, () => resolve());
  });
  const host = config.host === '0.0.0.0' ? 'localhost' : config.host;
  return {
    url: `http://${host}:${port}/metrics`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
