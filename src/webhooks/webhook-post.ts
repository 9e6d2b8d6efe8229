import http from 'node:http';
import https from 'node:https';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from 'request-filtering-agent';
import { Webhook as Signer } from 'standardwebhooks';

/** What one POST came to. `ok`: the receiver answered 2xx, so it has the event. */
export interface PostOutcome {
  ok: boolean;
  httpStatus: number | null;
  error: string | null;
  durationMs: number;
}

export interface Delivery {
  url: string;
  /** The event's cursor: `webhook-id`, the same on every attempt, the receiver's idempotency key. */
  id: string;
  body: string;
  /** `whsec_…` */
  secret: string;
  sentAt: Date;
}

/**
 * POSTs deliveries, signed as Standard Webhooks define (standardwebhooks, the reference
 * implementation): `webhook-signature: v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">`,
 * so a receiver can check it with any of that project's libraries, and refuse an old
 * timestamp against replay. Redirects are not followed (a redirect could lead anywhere,
 * a private address included). Connections go through request-filtering-agent, which refuses
 * a loopback, private or link-local address at connect time, after DNS, unless `allowPrivate`.
 */
export class ReceiverClient {
  private readonly http: http.Agent;
  private readonly https: https.Agent;

  constructor(
    allowPrivate: boolean,
    private readonly timeoutMs: number,
  ) {
    const options = { allowPrivateIPAddress: allowPrivate, keepAlive: true, maxSockets: 4 };
    this.http = new RequestFilteringHttpAgent(options);
    this.https = new RequestFilteringHttpsAgent(options);
  }

  /** Never throws: a failure is an outcome. */
  post(d: Delivery): Promise<PostOutcome> {
    const started = Date.now();
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'customer-archive-api-webhooks',
      'webhook-id': d.id,
      'webhook-timestamp': String(Math.floor(d.sentAt.getTime() / 1000)),
      'webhook-signature': new Signer(d.secret).sign(d.id, d.sentAt, d.body),
    };
    const done = (httpStatus: number | null, error: string | null): PostOutcome => ({
      ok: error === null,
      httpStatus,
      error: error?.slice(0, 500) ?? null,
      durationMs: Date.now() - started,
    });
    return new Promise((resolve) => {
      const url = new URL(d.url);
      const client = url.protocol === 'https:' ? https : http;
      const signal = AbortSignal.timeout(this.timeoutMs);
      const req = client.request(
        url,
        { method: 'POST', headers, agent: url.protocol === 'https:' ? this.https : this.http, signal },
        (res) => {
          const status = res.statusCode ?? 0;
          // The body says nothing we act on: read and drop it, so the connection can be reused.
          res.resume();
          res.on('error', () => undefined);
          res.on('end', () =>
            resolve(
              done(
                status,
                status >= 200 && status < 300
                  ? null
                  : `the receiver answered HTTP ${status}${status >= 300 && status < 400 ? ' (redirects are not followed)' : ''}`,
              ),
            ),
          );
        },
      );
      req.on('error', (err: Error) =>
        resolve(done(null, signal.aborted ? `no answer within ${this.timeoutMs} ms` : err.message)),
      );
      req.end(d.body);
    });
  }

  /**
   * Closes kept-alive connections, once no POST is under way: one that is cut short after
   * the receiver took it would be sent again by the next instance.
   */
  close(): void {
    this.http.destroy();
    this.https.destroy();
  }
}
