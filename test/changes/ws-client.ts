/** A real graphql-ws client over `ws` for the change-feed tests. */
import { createClient, Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { TestServer } from '../support/server';

export interface Received {
  data?: Record<string, unknown> | null;
  errors?: readonly { message: string; extensions?: Record<string, unknown>; path?: readonly (string | number)[] }[];
}

export function wsClient(server: TestServer, authorization: string | undefined, onClose?: (code: number) => void): Client {
  return createClient({
    url: server.url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: authorization ? { authorization } : {},
    retryAttempts: 0,
    lazy: true,
    on: { closed: (event) => onClose?.((event as { code: number }).code) },
  });
}

/** Subscribes and collects results until `until` says enough; `stop` ends it early. */
export function collect(client: Client, query: string, variables: Record<string, unknown>, until: (all: Received[]) => boolean) {
  const all: Received[] = [];
  let stop = () => {};
  const done = new Promise<Received[]>((resolve, reject) => {
    stop = client.subscribe({ query, variables }, {
      next: (value) => {
        all.push(value as Received);
        if (until(all)) {
          stop();
          resolve(all);
        }
      },
      error: reject,
      complete: () => resolve(all),
    });
  });
  return { done, stop: () => stop(), all };
}
