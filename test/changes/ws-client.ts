/** A real graphql-ws client over `ws` for the change-feed tests. */
import { createClient, type Client } from 'graphql-ws';
import type { DataSource } from 'typeorm';
import WebSocket from 'ws';
import { cursorOf } from '../../src/changes/hydrate';
import type { TestServer } from '../support/server';

/**
 * The cursor of the newest event: a subscription `after` it gets every event committed
 * later, however long it takes to start, so a test can write at once instead of waiting
 * for the subscription to be registered.
 */
export async function newestCursor(ds: DataSource): Promise<string> {
  const [{ seq }] = (await ds.query(
    'SELECT COALESCE((SELECT MAX(seq) FROM change_event), (SELECT last FROM change_sequence WHERE id = 1)) AS seq',
  )) as { seq: string | number }[];
  return cursorOf(Number(seq));
}

export interface Received {
  data?: Record<string, unknown> | null;
  errors?: readonly { message: string; extensions?: Record<string, unknown>; path?: readonly (string | number)[] }[];
}

export function wsClient(
  server: TestServer,
  authorization: string | undefined,
  onClose?: (code: number) => void,
): Client {
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
export function collect(
  client: Client,
  query: string,
  variables: Record<string, unknown>,
  until: (all: Received[]) => boolean,
) {
  const all: Received[] = [];
  let stop = () => {};
  const done = new Promise<Received[]>((resolve, reject) => {
    stop = client.subscribe(
      { query, variables },
      {
        next: (value) => {
          all.push(value as Received);
          if (until(all)) {
            stop();
            resolve(all);
          }
        },
        error: reject,
        complete: () => resolve(all),
      },
    );
  });
  return { done, stop: () => stop(), all };
}
