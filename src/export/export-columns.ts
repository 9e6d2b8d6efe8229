import { type GraphQLSchema, isObjectType } from 'graphql';
import { FIELDS } from '../auth/fields';
import { POLICY } from '../auth/policy';
import type { Role } from '../auth/roles';
import { type Column, COLUMNS, type RecordKind } from '../import/columns';
import { labelOf } from '../import/labels';

/** The GraphQL type of each kind's rows, and its root connection. */
export const TYPE_OF: Record<RecordKind, string> = { customers: 'Customer', contacts: 'Contact', trades: 'Trade' };

/** One column of an export: its header in both languages and the path of its value in a node. */
export interface ExportColumn {
  column: Column;
  path: string[];
}

/**
 * Whether one of `roles` reads `field` of `type` at all, by the field table the shield is
 * built from. Role-wide only: row-wise rules (A-class rows, a rep's own contacts, masks)
 * still apply to the values, since every value comes through the query's own resolvers.
 * A column no role of the caller reads is left out rather than exported empty.
 */
function readsField(roles: readonly Role[], type: string, field: string): boolean {
  const spec = FIELDS[type];
  if (!spec) return false;
  if (spec.public.includes(field)) return true;
  if (spec.credit?.includes(field)) return roles.some((r) => POLICY[r].readsCredit);
  const mask = spec.personal?.[field];
  if (mask !== undefined)
    return roles.some(
      (r) => POLICY[r].personalData !== 'none' && (POLICY[r].personalData !== 'masked' || mask !== 'hide'),
    );
  return roles.some((r) => spec.restricted?.[field]?.includes(r) ?? false);
}

/**
 * The columns of `kind` the caller exports: those of the import's column table (so an
 * exported file imports again) that are fields of the type, readable by the caller's roles.
 * Import-only keys (a contact's 统一社会信用代码 of its customer) are not fields and are left out.
 */
export function exportColumns(schema: GraphQLSchema, kind: RecordKind, roles: readonly Role[]): ExportColumn[] {
  const typeName = TYPE_OF[kind];
  const type = schema.getType(typeName);
  if (!isObjectType(type)) throw new Error(`${typeName} is not an object type`);
  const out: ExportColumn[] = [];
  for (const column of COLUMNS[kind]) {
    const path = column.select ? column.select.replace(/[{}]/g, ' ').trim().split(/\s+/) : [column.field];
    const [top, nested] = path;
    const field = type.getFields()[top];
    if (!field || !readsField(roles, typeName, top)) continue;
    if (nested) {
      const inner = field.type.toString().replace(/[![\]]/g, '');
      if (!readsField(roles, inner, nested)) continue;
    }
    out.push({ column, path });
  }
  return out;
}

/** The selection of a node's exported fields: `archiveNo name owner { name } …`. */
export const selectionOf = (columns: readonly ExportColumn[]) =>
  columns.map(({ path }) => (path.length === 1 ? path[0] : `${path[0]} { ${path.slice(1).join(' ')} }`)).join(' ');

export type HeaderLanguage = 'zh' | 'en';

export const headerOf = (c: ExportColumn, language: HeaderLanguage) =>
  language === 'zh' ? c.column.zh : c.column.field;

const CHINA_OFFSET_MS = 8 * 3600_000;

/**
 * A node's value in a cell, as the import reads it back: enum values as their Chinese
 * labels (zh) or API values (en), times as China wall-clock time (imports read a time without
 * a zone as China's), yes/no as 是/否, money as the exact decimal text.
 */
export function cellOf(
  c: ExportColumn,
  node: Record<string, unknown>,
  language: HeaderLanguage,
): string | number | null {
  let value: unknown = node;
  for (const key of c.path)
    value = value === null || value === undefined ? null : (value as Record<string, unknown>)[key];
  if (value === null || value === undefined) return null;
  const kind = c.column.kind;
  if (typeof kind === 'object') return language === 'zh' ? labelOf(kind.choice, String(value)) : String(value);
  if (kind === 'time')
    return new Date(Date.parse(String(value)) + CHINA_OFFSET_MS)
      .toISOString()
      .replace('T', ' ')
      .replace(/(\.000)?Z$/, '');
  if (kind === 'bool') return language === 'zh' ? (value ? '是' : '否') : String(value);
  if (typeof value === 'number') return value;
  return String(value);
}
