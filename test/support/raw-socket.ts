/**
 * A raw graphql-transport-ws socket for tests that look at frames and close codes:
 *
 *   const ws = await rawSocket(server);
 *   await ws.init(`Bearer ${token}`);
 *   ws.subscribe('a', '{ me { subject } }');
 *   await ws.until(() => ws.of('a').some((m) => m.type === 'complete'));
 */
import WebSocket from 'ws';
import type { TestServer } from './server';

export interface Frame {
  type: string;
  id?: string;
  payload?: unknown;
}

export interface RawSocket {
  socket: WebSocket;
  /** Every message received, in order. */
  messages: Frame[];
  /** The close code, once closed; `messages` then holds everything sent before the close. */
  closed: Promise<number>;
  init(authorization: string): Promise<void>;
  subscribe(id: string, query: string, variables?: Record<string, unknown>): void;
  /** The messages of one operation. */
  of(id: string): Frame[];
  /** Resolves once `check` holds after a message (or at once); rejects if the socket closes first. */
  until(check: () => boolean): Promise<void>;
}

export async function rawSocket(server: TestServer): Promise<RawSocket> {
  const socket = new WebSocket(server.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
  const messages: Frame[] = [];
  const waiters = new Set<() => void>();
  const closed = new Promise<number>((resolve) =>
    socket.once('close', (code) => {
      resolve(code);
      for (const wake of waiters) wake();
    }),
  );
  socket.on('message', (data: Buffer) => {
    messages.push(JSON.parse(data.toString()) as Frame);
    for (const wake of waiters) wake();
  });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));

  const until = (check: () => boolean) =>
    new Promise<void>((resolve, reject) => {
      const wake = () => {
        if (check()) {
          waiters.delete(wake);
          resolve();
        } else if (socket.readyState === WebSocket.CLOSED) {
          waiters.delete(wake);
          reject(new Error(`socket closed before the awaited message; got ${JSON.stringify(messages)}`));
        }
      };
      waiters.add(wake);
      wake();
    });
  return {
    socket,
    messages,
    closed,
    until,
    of: (id) => messages.filter((m) => m.id === id),
    init: async (authorization) => {
      socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization } }));
      await until(() => messages.some((m) => m.type === 'connection_ack'));
    },
    subscribe: (id, query, variables = {}) =>
      socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query, variables } })),
  };
}
