import { Kind, type OperationDefinitionNode, parse } from 'graphql';
import { seedCustomers } from '../../src/demo/seed';
import { EXAMPLE_OPERATIONS, TOKEN_HEADER_TEMPLATE } from '../../src/server/sandbox';
import { describeEachDialect } from '../support/db';
import { startTestServer, type TestServer, TEST_JWT_SECRET } from '../support/server';

/** The configuration Apollo embeds in the landing page, read back from the HTML (no network: the page is only fetched). */
/** The parts of Apollo's embedded Sandbox configuration the tests read. */
interface EmbeddedConfig {
  initialState: {
    document: string;
    headers: Record<string, string>;
    pollForSchemaUpdates: boolean;
    includeCookies: boolean;
  };
  runTelemetry: boolean;
}

async function embeddedConfig(server: TestServer): Promise<{ html: string; config: EmbeddedConfig | null }> {
  const res = await fetch(server.url, { headers: { accept: 'text/html' } });
  expect(res.status).toBe(200);
  const html = await res.text();
  const match = /var embeddedSandboxConfig = (\{.*?\});\n/s.exec(html);
  return { html, config: match ? JSON.parse(match[1]) : null };
}

describe('Sandbox landing page', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite');
  });
  afterAll(() => server.stop());

  it('embeds Sandbox with the token header template, the example operations and no telemetry', async () => {
    const { config } = await embeddedConfig(server);
    expect(config).not.toBeNull();
    expect(config!.initialState.document).toBe(EXAMPLE_OPERATIONS);
    expect(config!.initialState.headers).toEqual({ Authorization: TOKEN_HEADER_TEMPLATE });
    expect(config!.initialState.pollForSchemaUpdates).toBe(false);
    expect(config!.initialState.includeCookies).toBe(false);
    expect(config!.runTelemetry).toBe(false);
    const names = parse(EXAMPLE_OPERATIONS).definitions.map((d) => (d as OperationDefinitionNode).name?.value);
    expect(names).toEqual([
      'TopCustomersThisYear',
      'ComplaintsByCategoryPerMonth',
      'VisitsPerOwnerLastQuarter',
      'CustomersPerRegionAndClass',
      'AverageTradeByIndustry',
      'CustomerListScreen',
      'CustomerDetailScreen',
      'RecordChanges',
    ]);
    // Apollo escapes only the first of these when it writes the configuration into a script.
    expect(EXAMPLE_OPERATIONS).not.toMatch(/[<>&']/);
  });

  it('redirects / to it', async () => {
    const res = await fetch(server.baseUrl, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/graphql');
  });

  it('gives way to the production page in production, unless SANDBOX=true', async () => {
    const env = { NODE_ENV: 'production', JWT_SECRET: TEST_JWT_SECRET, JWT_ISSUER: 'crm', JWT_AUDIENCE: 'crm-api' };
    const production = await startTestServer('sqlite', { env });
    try {
      const { html, config } = await embeddedConfig(production);
      expect(config).toBeNull();
      expect(html).not.toContain('TopCustomersThisYear');
    } finally {
      await production.stop();
    }
    const opted = await startTestServer('sqlite', { env: { ...env, SANDBOX: 'true' } });
    try {
      expect((await embeddedConfig(opted)).config?.initialState.document).toBe(EXAMPLE_OPERATIONS);
    } finally {
      await opted.stop();
    }
  });
});

describeEachDialect('Sandbox example operations', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    await seedCustomers(server.ds, 40);
  });
  afterAll(() => server.stop());

  it('each runs as an analyst in one request, within the query limits, without errors', async () => {
    const document = parse(EXAMPLE_OPERATIONS);
    const { data: list } = (
      await server.gql<{ customers: { edges: { node: { id: string } }[] } }>(
        '{ customers(first: 1) { edges { node { id } } } }',
        {},
        { role: 'analyst' },
      )
    ).body;
    for (const op of document.definitions as OperationDefinitionNode[]) {
      if (op.operation !== 'query') continue;
      const variables = op.name!.value === 'CustomerDetailScreen' ? { id: list!.customers.edges[0].node.id } : {};
      const single = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await server.token('analyst')}` },
        body: JSON.stringify({ query: EXAMPLE_OPERATIONS, operationName: op.name!.value, variables }),
      });
      const body = (await single.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
      expect([op.name!.value, single.status, body.errors ?? []]).toEqual([op.name!.value, 200, []]);
      expect(Object.values(body.data!)[0]).not.toBeNull();
    }
    expect(document.definitions.every((d) => d.kind === Kind.OPERATION_DEFINITION)).toBe(true);
  });
});
