import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/config';
import { secretInDataDir } from '../../src/config/secret-file';

type Ids = typeof import('../../src/common/global-id');

/** A fresh copy of the id module, as another process would have it. */
function idModule(secret?: string): Ids {
  let ids!: Ids;
  jest.isolateModules(() => {
    ids = jest.requireActual('../../src/common/global-id');
  });
  if (secret) ids.useIdSecret(secret);
  return ids;
}

const SECRET_A = 'first-id-secret-first-id-secret-first-id';
const SECRET_B = 'second-id-secret-second-id-secret-second';

describe('global ids', () => {
  it('round-trips every kind, and the same row always gets the same id', () => {
    const ids = idModule(SECRET_A);
    for (const [kind, n] of [
      ['Customer', 1],
      ['Trade', 2 ** 31 - 1],
      ['ChangeCursor', 0],
      ['ChangeCursor', 2 ** 40],
    ] as const) {
      const token = ids.sealId(kind, n);
      expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(ids.openId(token)).toEqual({ kind, n });
      expect(ids.sealId(kind, n)).toBe(token);
    }
    expect(ids.parseGlobalId(ids.toGlobalId('Visit', 42))).toEqual({ type: 'Visit', id: 42 });
  });

  it('cannot be read or made without the key', () => {
    const a = idModule(SECRET_A);
    const b = idModule(SECRET_B);
    const token = a.toGlobalId('Customer', 7);
    expect(b.toGlobalId('Customer', 7)).not.toBe(token);
    expect(b.openId(token)).toBeNull();
    expect(a.openId(b.toGlobalId('Customer', 7))).toBeNull();
  });

  it('opens nothing it did not seal: other spellings, lengths, alphabets and forgeries', () => {
    const ids = idModule(SECRET_A);
    const token = ids.toGlobalId('Customer', 7);
    const otherSpelling = `${token.slice(0, 21)}${token[21] === 'A' ? 'B' : String.fromCharCode(token.charCodeAt(21) + 1)}`;
    for (const bad of [
      otherSpelling,
      token.slice(1),
      `${token}A`,
      token.replace(/.$/, '='),
      '',
      'Q3VzdG9tZXI6Nw',
      42,
      null,
    ]) {
      expect(ids.openId(bad)).toBeNull();
    }
    // Random blocks: 72 check bits make an accidental hit a 2^-72 event.
    for (let i = 0; i < 2000; i++) expect(ids.openId(crypto.randomBytes(16).toString('base64url'))).toBeNull();
  });

  it('answers a well-formed id of nothing as row 0, which no lookup finds, and refuses an id of another type', () => {
    const ids = idModule(SECRET_A);
    expect(ids.expectId('garbage', 'Customer')).toBe(0);
    expect(ids.idOrNull('garbage', 'Customer')).toBeNull();
    expect(() => ids.expectId(ids.toGlobalId('Trade', 3), 'Customer', 'customerId')).toThrow(/not a Customer id/);
  });

  it('keeps one key per process: the same secret again is fine, another one is refused, none means no ids', () => {
    const ids = idModule();
    expect(() => ids.toGlobalId('Customer', 1)).toThrow(/no ID_SECRET/);
    ids.useIdSecret(SECRET_A);
    const token = ids.toGlobalId('Customer', 1);
    ids.useIdSecret(SECRET_A);
    expect(() => ids.useIdSecret(SECRET_B)).toThrow(/another secret/);
    expect(ids.toGlobalId('Customer', 1)).toBe(token);
  });
});

describe('ID_SECRET', () => {
  it('must be long enough when set', () => {
    expect(() => loadConfig({ ID_SECRET: 'short' })).toThrow(/ID_SECRET: must be at least 32 characters/);
    expect(loadConfig({ ID_SECRET: SECRET_A }).idSecret).toBe(SECRET_A);
    expect(loadConfig({}).idSecret).toBeUndefined();
  });

  it('is generated once into DATA_DIR, readable by its owner only, when unset', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-id-secret-'));
    try {
      const data = path.join(dir, 'data');
      const first = secretInDataDir(data, 'id-secret');
      expect(first).toMatch(/^[0-9a-f]{64}$/);
      expect(fs.statSync(path.join(data, 'id-secret')).mode & 0o777).toBe(0o600);
      expect(secretInDataDir(data, 'id-secret')).toBe(first);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
