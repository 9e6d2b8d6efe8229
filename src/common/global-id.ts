import { badInput } from './errors';

/** Opaque global ids: base64url("Type:rowId"). Clients must not parse them. */
export function toGlobalId(type: string, id: number): string {
  return Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');
}

export interface ParsedId {
  type: string;
  id: number;
}

export function parseGlobalId(globalId: string): ParsedId | null {
  if (typeof globalId !== 'string' || globalId.length > 64) return null;
  const text = Buffer.from(globalId, 'base64url').toString('utf8');
  const match = /^([A-Za-z]+):([1-9][0-9]{0,15})$/.exec(text);
  if (!match) return null;
  return { type: match[1], id: Number(match[2]) };
}

/** Decodes an id that must name a row of `type`; `field` names the argument in the error. */
export function expectId(globalId: string, type: string, field = 'id'): number {
  const parsed = parseGlobalId(globalId);
  if (!parsed || parsed.type !== type) throw badInput(field, `not a ${type} id`);
  return parsed.id;
}

/** Like expectId, but a wrong-typed or malformed id simply finds nothing (used by lookups). */
export function idOrNull(globalId: string, type: string): number | null {
  const parsed = parseGlobalId(globalId);
  return parsed && parsed.type === type ? parsed.id : null;
}
