/**
 * A webhook receiver on loopback and a free port: it keeps every request and answers what
 * `answer` says (204 unless told otherwise). Tests wait for what it received, never for time.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventEmitter } from 'node:events';

export interface Received {
  /** The request's path: tests give each webhook its own. */
  path: string;
  id: string;
  timestamp: string;
  signature: string;
  headers: Record<string, string>;
  body: string;
  /** The status it was answered with. */
  status: number;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** Status to answer a request with; 204 by default. */
  answer: (r: Omit<Received, 'status'>) => number;
  /** Resolves once `until` holds of everything received, or fails after `ms` with what came. */
  waitFor(until: (all: Received[]) => boolean, ms?: number): Promise<Received[]>;
  /** What was received at `path`. */
  at(path: string): Received[];
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const events = new EventEmitter();
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      const r = {
        path: req.url ?? '',
        id: headers['webhook-id'],
        timestamp: headers['webhook-timestamp'],
        signature: headers['webhook-signature'],
        headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      const status = receiver.answer(r);
      received.push({ ...r, status });
      res.writeHead(status).end();
      events.emit('received');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const receiver: Receiver = {
    url: `http://127.0.0.1:${port}`,
    received,
    at: (path) => received.filter((r) => r.path === path),
    answer: () => 204,
    waitFor: (until, ms = 20_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (!until(received)) return;
          clearTimeout(timer);
          events.off('received', check);
          resolve(received);
        };
        const timer = setTimeout(() => {
          events.off('received', check);
          reject(
            new Error(
              `receiver: condition not met within ${ms} ms; got ${JSON.stringify(received.map((r) => [r.path, r.id, r.status]))}`,
            ),
          );
        }, ms);
        events.on('received', check);
        check();
      }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return receiver;
}

/** Polls `read` until `until` holds of its value (a fact in the database), at 20 ms steps. */
export async function eventually<T>(read: () => Promise<T>, until: (value: T) => boolean, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (until(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`eventually: condition not met within ${ms} ms; last value ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
