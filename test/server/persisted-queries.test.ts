import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { errorCodes, expectNoErrors, type GqlBody, startTestServer, type TestServer } from '../support/server';

const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('hex');
const persisted = (query: string) => ({ persistedQuery: { version: 1, sha256Hash: sha256(query) } });

/** POST with extensions; `query` left out sends the hash alone. */
async function send(server: TestServer, body: { query?: string; extensions?: unknown }) {
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await server.token('analyst')}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as GqlBody };
}

describe('automatic persisted queries', () => {
  let server: TestServer;
  beforeAll(async () => {
    // Room for about two of the documents below: a third pushes the least recently used out.
    server = await startTestServer('sqlite', { env: { APQ_CACHE_BYTES: '400' } });
  });
  afterAll(() => server.stop());

  const doc = (n: number) =>
    `query Screen${n} { customers(first: ${n}) { totalCount edges { node { id name archiveNo region abcClass } } } }`;

  it("answers a known hash alone, asks for an unknown one, and refuses a hash that is not the document's", async () => {
    const query = doc(1);
    expect(errorCodes((await send(server, { extensions: persisted(query) })).body)).toEqual([
      'PERSISTED_QUERY_NOT_FOUND',
    ]);
    expectNoErrors((await send(server, { query, extensions: persisted(query) })).body as never);
    expect((await send(server, { extensions: persisted(query) })).body).toEqual({
      data: { customers: { totalCount: 0, edges: [] } },
    });
    const wrong = await send(server, { query: doc(2), extensions: persisted(query) });
    expect(wrong.status).toBe(400);
    // GET with the hash alone, as a CDN would cache it.
    const params = new URLSearchParams({ extensions: JSON.stringify(persisted(query)) });
    const get = await fetch(`${server.url}?${params}`, {
      headers: { authorization: `Bearer ${await server.token('analyst')}`, 'apollo-require-preflight': '1' },
    });
    expect(await get.json()).toEqual({ data: { customers: { totalCount: 0, edges: [] } } });
  });

  it('keeps at most APQ_CACHE_BYTES of documents, dropping the least recently used', async () => {
    for (const n of [3, 4, 5])
      expectNoErrors((await send(server, { query: doc(n), extensions: persisted(doc(n)) })).body as never);
    expect(errorCodes((await send(server, { extensions: persisted(doc(3)) })).body)).toEqual([
      'PERSISTED_QUERY_NOT_FOUND',
    ]);
    expect(errorCodes((await send(server, { extensions: persisted(doc(5)) })).body)).toEqual([]);
  });
});

describe('trusted documents', () => {
  let server: TestServer;
  let dir: string;
  const trusted = 'query Me { me { roles } }';
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-trusted-'));
    fs.writeFileSync(path.join(dir, 'persisted-documents.json'), JSON.stringify({ [sha256(trusted)]: trusted }));
    server = await startTestServer('sqlite', {
      env: { TRUSTED_DOCUMENTS: path.join(dir, 'persisted-documents.json') },
    });
  });
  afterAll(async () => {
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("runs the manifest's operations, by hash or in full, and nothing else", async () => {
    expect((await send(server, { extensions: persisted(trusted) })).body).toEqual({
      data: { me: { roles: ['ANALYST'] } },
    });
    expect((await send(server, { query: trusted })).body).toEqual({ data: { me: { roles: ['ANALYST'] } } });
    const other = await send(server, { query: '{ me { subject } }' });
    expect([other.status, errorCodes(other.body)]).toEqual([400, ['OPERATION_NOT_TRUSTED']]);
    // Registering a new document the APQ way does not add it.
    const added = '{ customers { totalCount } }';
    expect(errorCodes((await send(server, { query: added, extensions: persisted(added) })).body)).toEqual([
      'OPERATION_NOT_TRUSTED',
    ]);
    expect(errorCodes((await send(server, { extensions: persisted(added) })).body)).toEqual([
      'PERSISTED_QUERY_NOT_FOUND',
    ]);
  });

  it('refuses a manifest whose key is not the hash of its document', async () => {
    fs.writeFileSync(path.join(dir, 'bad.json'), JSON.stringify({ [sha256('x')]: trusted }));
    await expect(startTestServer('sqlite', { env: { TRUSTED_DOCUMENTS: path.join(dir, 'bad.json') } })).rejects.toThrow(
      /not the sha256 of its document/,
    );
  });
});
