import crypto from 'node:crypto';
import { badInput } from './errors';

/**
 * Opaque ids and cursors: a row id (or feed seq) sealed with the server's ID_SECRET, so they
 * neither count nor locate rows a caller cannot see (DESIGN.md, "ids and cursors (opaque,
 * not sequential)"). One AES block, encrypted alone (ECB of a single block is a keyed
 * pseudorandom permutation): [kind tag, 1 byte][number, 6 bytes][zero, 9 bytes]. The same
 * row always gets the same id; a forged or garbled id decrypts to nonzero check bytes and
 * opens to nothing, exactly like the id of a missing row. 22 characters of base64url.
 */

/** Tag byte per kind. Append only: renumbering a kind changes every id of it clients hold. */
const TAGS = {
  Customer: 1,
  Contact: 2,
  Trade: 3,
  Complaint: 4,
  Visit: 5,
  User: 6,
  AccessGrant: 7,
  PartnerKey: 8,
  ReadAudit: 9,
  /** A change-feed cursor: the event's seq. */
  ChangeCursor: 10,
  Handover: 11,
  ChangeHistory: 12,
  Destruction: 13,
  CreditOverride: 14,
  CreditLimitRaise: 15,
  Survey: 16,
  Webhook: 20,
  WebhookDelivery: 21,
  ExportRecord: 22,
} as const;

export type IdKind = keyof typeof TAGS;
const KIND_OF = new Map<number, IdKind>(Object.entries(TAGS).map(([kind, tag]) => [tag, kind as IdKind]));

const BLOCK = 16;
const NUMBER_BYTES = 6;
const CHECK_FROM = 1 + NUMBER_BYTES;
const MAX_NUMBER = 2 ** (8 * NUMBER_BYTES) - 1;
/** 16 bytes in base64url: the last character carries 2 bits, so only these 4 spell it canonically. */
const TOKEN = /^[A-Za-z0-9_-]{21}[AQgw]$/;
/** Ids of hot rows, kept as computed: a hit costs ~0.02 µs, sealing one ~1 µs (2-core dev machine). */
const CACHE_CAP = 32_768;

class IdCodec {
  // One long-lived cipher each way: with padding off, ECB turns every 16-byte update into
  // 16 bytes out and keeps no state between them; building a cipher per id costs 2×.
  private readonly cipher: crypto.Cipher;
  private readonly decipher: crypto.Decipher;
  private readonly block = Buffer.alloc(BLOCK);
  private readonly cache = new Map<number, string>();

  constructor(
    readonly fingerprint: string,
    key: Buffer,
  ) {
    this.cipher = crypto.createCipheriv('aes-128-ecb', key, null).setAutoPadding(false);
    this.decipher = crypto.createDecipheriv('aes-128-ecb', key, null).setAutoPadding(false);
  }

  seal(tag: number, n: number): string {
    // A safe integer while tags stay below 32 (2^5 × 2^48 = 2^53).
    const key = tag * (MAX_NUMBER + 1) + n;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    this.block.fill(0);
    this.block[0] = tag;
    this.block.writeUIntBE(n, 1, NUMBER_BYTES);
    const token = this.cipher.update(this.block).toString('base64url');
    if (this.cache.size >= CACHE_CAP) this.cache.clear();
    this.cache.set(key, token);
    return token;
  }

  open(token: string): { tag: number; n: number } | null {
    const plain = this.decipher.update(Buffer.from(token, 'base64url'));
    if (plain.length !== BLOCK) return null;
    for (let i = CHECK_FROM; i < BLOCK; i++) if (plain[i] !== 0) return null;
    return { tag: plain[0], n: plain.readUIntBE(1, NUMBER_BYTES) };
  }
}

let codec: IdCodec | null = null;
let secretInUse: string | null = null;

/**
 * Sets the process's id key, derived from ID_SECRET. Every id of the process is sealed
 * with it, so a second, different secret is refused instead of quietly serving two sets
 * of ids; the same secret again (a second app in one process) is fine.
 */
export function useIdSecret(secret: string): void {
  const fingerprint = crypto.createHash('sha256').update(`ids:${secret}`).digest('hex');
  if (codec) {
    if (codec.fingerprint !== fingerprint)
      throw new Error(
        'ID_SECRET: this process already seals ids with another secret; one process serves one set of ids',
      );
    return;
  }
  const key = Buffer.from(crypto.hkdfSync('sha256', secret, 'customer-archive-api', 'global ids v1', 16));
  codec = new IdCodec(fingerprint, key);
  secretInUse = secret;
}

/**
 * A 32-byte key for `purpose`, derived from ID_SECRET like the id key, so that secrets kept in
 * the database (webhook signing secrets) are unreadable to whoever has the database alone.
 */
export function derivedKey(purpose: string): Buffer {
  if (!secretInUse) throw new Error('derivedKey: no ID_SECRET configured yet (startApp sets it)');
  return Buffer.from(crypto.hkdfSync('sha256', secretInUse, 'customer-archive-api', purpose, 32));
}

function active(): IdCodec {
  if (!codec) throw new Error('global ids: no ID_SECRET configured yet (startApp sets it)');
  return codec;
}

/** The opaque token of number `n` of `kind`. */
export function sealId(kind: IdKind, n: number): string {
  const tag = TAGS[kind];
  if (tag === undefined || !Number.isSafeInteger(n) || n < 0 || n > MAX_NUMBER)
    throw new Error(`sealId: cannot seal ${kind} ${n}`);
  return active().seal(tag, n);
}

/** What a token seals, or null for anything that is not one of ours (old formats, forgeries, typos). */
export function openId(token: unknown): { kind: IdKind; n: number } | null {
  if (typeof token !== 'string' || !TOKEN.test(token)) return null;
  const opened = active().open(token);
  const kind = opened && KIND_OF.get(opened.tag);
  return kind ? { kind, n: opened.n } : null;
}

/** The global id of a record: what `id` fields answer and node(id) accepts. Clients must not parse them. */
export function toGlobalId(type: string, id: number): string {
  if (!(type in TAGS)) throw new Error(`toGlobalId: ${type} has no id tag`);
  return sealId(type as IdKind, id);
}

export interface ParsedId {
  type: IdKind;
  id: number;
}

export function parseGlobalId(globalId: unknown): ParsedId | null {
  const opened = openId(globalId);
  return opened && opened.n > 0 ? { type: opened.kind, id: opened.n } : null;
}

/** Row ids start at 1: no row has this one. */
const NO_ROW = 0;

/**
 * The row id of an id that must name a `type` row; `field` names the argument in the error.
 * An id that opens to nothing (forged, garbled, an old format) names NO_ROW, so it answers
 * exactly as a missing row does on every path: NOT_FOUND, null, an empty filter. An id of
 * another type is refused as bad input: it is one of ours, for the wrong argument.
 */
export function expectId(globalId: string, type: string, field = 'id'): number {
  const opened = openId(globalId);
  if (!opened) return NO_ROW;
  if (opened.kind !== type) throw badInput(field, `not a ${type} id`);
  return opened.n;
}

/** Like expectId, but a wrong-typed or malformed id simply finds nothing (used by lookups). */
export function idOrNull(globalId: string, type: string): number | null {
  const parsed = parseGlobalId(globalId);
  return parsed && parsed.type === type ? parsed.id : null;
}
