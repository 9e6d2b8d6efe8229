/**
 * NODE_ENV=production: no start with a generated secret or without iss/aud, and no field
 * suggestions in errors for anyone, on HTTP and WebSocket.
 */
import { loadConfig } from '../../src/config/config';
import { rawSocket } from '../support/raw-socket';
import { startTestServer, TEST_JWT_SECRET, type TestServer } from '../support/server';

const PRODUCTION = {
  NODE_ENV: 'production',
  JWT_SECRET: TEST_JWT_SECRET,
  JWT_ISSUER: 'https://id.example.com',
  JWT_AUDIENCE: 'crm-api',
};
const TYPO = '{ customerz { totalCount } }';

describe('production mode', () => {
  it('refuses to start with a generated JWT secret, a short one, or without JWT_ISSUER and JWT_AUDIENCE', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /JWT_SECRET: required in production[\s\S]*JWT_ISSUER: required[\s\S]*JWT_AUDIENCE: required/,
    );
    expect(() => loadConfig({ ...PRODUCTION, JWT_SECRET: 'short' })).toThrow(
      /JWT_SECRET: must be at least 32 characters/,
    );
    expect(loadConfig(PRODUCTION).production).toBe(true);
    expect(loadConfig({ ...PRODUCTION, JWT_SECRET: '', JWKS_URL: 'https://id.example.com/jwks' }).jwt.jwksUrl).toBe(
      'https://id.example.com/jwks',
    );
    expect(loadConfig({ NODE_ENV: 'development' }).production).toBe(false);
  });

  describe('a running server (SQLite)', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer('sqlite', { env: PRODUCTION });
    });
    afterAll(() => server.stop());

    it('suggests no field names over HTTP', async () => {
      const res = await server.gql(TYPO, {}, { role: 'sales_manager' });
      expect(res.body.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(res.body.errors?.[0].message).toBe('Cannot query field "customerz" on type "Query".');
    });

    it('suggests no field names over WebSocket', async () => {
      const ws = await rawSocket(server);
      await ws.init(`Bearer ${await server.token('sales_manager')}`);
      ws.subscribe('typo', TYPO);
      await ws.until(() => ws.of('typo').length > 0);
      expect(ws.of('typo')[0]).toMatchObject({
        type: 'error',
        payload: [
          {
            message: 'Cannot query field "customerz" on type "Query".',
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
          },
        ],
      });
      ws.socket.close();
    });

    it('refuses a token without the configured issuer and audience', async () => {
      const { SignJWT } = await import('jose');
      const bare = await new SignJWT({ roles: ['sales_manager'] })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('svc')
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode(TEST_JWT_SECRET));
      const res = await server.gql('{ me { subject } }', {}, { token: bare });
      expect(res.status).toBe(401);
      expect(res.body.errors?.[0].extensions?.reason).toBe('INVALID');
    });
  });
});
