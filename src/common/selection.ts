import {
  type FieldNode,
  type FragmentSpreadNode,
  getDirectiveValues,
  GraphQLIncludeDirective,
  type GraphQLResolveInfo,
  GraphQLSkipDirective,
  type InlineFragmentNode,
  isAbstractType,
  Kind,
  type SelectionSetNode,
} from 'graphql';
import type { ObjectLiteral, Repository } from 'typeorm';

/**
 * What a read must select for the fields a request asks (issue 17: "select what the
 * selection and the rules need"). A request's fields are read off the document; each becomes
 * the column of the same name, or the foreign key of a relation (`owner` → `ownerId`), or
 * nothing for a page of children found by the row's id. Any other field (computed by a
 * resolver from columns it does not name) makes the answer null: select every column.
 */

/** The names of the fields asked of what a resolver returns; for a connection, of its edges' nodes. */
export function askedFields(info: GraphQLResolveInfo, connection: boolean): readonly string[] {
  if (info.fieldNodes.length !== 1) return collect(info, info.fieldNodes, connection);
  const node = info.fieldNodes[0];
  const cache = connection ? connectionCache : objectCache;
  let fields = cache.get(node);
  // Documents are parsed once and kept by Apollo's document cache: their nodes are stable keys.
  if (!fields) cache.set(node, (fields = collect(info, info.fieldNodes, connection)));
  return fields;
}

const objectCache = new WeakMap<FieldNode, readonly string[]>();
const connectionCache = new WeakMap<FieldNode, readonly string[]>();

function collect(info: GraphQLResolveInfo, nodes: readonly FieldNode[], connection: boolean): readonly string[] {
  let sets = nodes.map((n) => n.selectionSet).filter((s): s is SelectionSetNode => Boolean(s));
  if (connection) sets = subSelections(info, subSelections(info, sets, 'edges'), 'node');
  const names = new Set<string>();
  for (const set of sets) fieldsOf(info, set, (f) => names.add(f.name.value));
  return [...names];
}

/** Every field of a selection set, through inline fragments and fragment spreads (whatever their type condition). */
function fieldsOf(info: GraphQLResolveInfo, set: SelectionSetNode, visit: (field: FieldNode) => void): void {
  for (const s of set.selections) {
    if (s.kind === Kind.FIELD) visit(s);
    else if (s.kind === Kind.INLINE_FRAGMENT) fieldsOf(info, s.selectionSet, visit);
    else {
      const fragment = info.fragments[s.name.value];
      if (fragment) fieldsOf(info, fragment.selectionSet, visit);
    }
  }
}

/**
 * The fields the request reads of one object of type `typeName` returned by `info`'s field:
 * fragments of other types and fields left out by @skip/@include do not count. What a
 * per-object rule (the read audit's notes) needs, where askedFields may over-ask.
 */
export function fieldsReadOf(info: GraphQLResolveInfo, typeName: string): readonly string[] {
  const node = info.fieldNodes[0];
  const cacheable = info.fieldNodes.length === 1;
  let byType = cacheable ? readCache.get(node) : undefined;
  const cached = byType?.get(typeName);
  if (cached) return cached;
  let conditional = false;
  const names = new Set<string>();
  const applies = (s: FieldNode | InlineFragmentNode | FragmentSpreadNode) => {
    if (!s.directives?.length) return true;
    conditional = true;
    return (
      getDirectiveValues(GraphQLSkipDirective, s, info.variableValues)?.if !== true &&
      getDirectiveValues(GraphQLIncludeDirective, s, info.variableValues)?.if !== false
    );
  };
  const onThisType = (condition: string | undefined) => {
    if (!condition || condition === typeName) return true;
    const abstract = info.schema.getType(condition);
    const object = info.schema.getType(typeName);
    return Boolean(abstract && object && isAbstractType(abstract) && info.schema.isSubType(abstract, object as never));
  };
  const walk = (set: SelectionSetNode) => {
    for (const s of set.selections) {
      if (!applies(s)) continue;
      if (s.kind === Kind.FIELD) names.add(s.name.value);
      else if (s.kind === Kind.INLINE_FRAGMENT) {
        if (onThisType(s.typeCondition?.name.value)) walk(s.selectionSet);
      } else {
        const fragment = info.fragments[s.name.value];
        if (fragment && onThisType(fragment.typeCondition.name.value)) walk(fragment.selectionSet);
      }
    }
  };
  for (const n of info.fieldNodes) if (n.selectionSet) walk(n.selectionSet);
  const fields = [...names];
  // Fields under @skip/@include depend on the variables, not on the document alone.
  if (cacheable && !conditional) {
    if (!byType) readCache.set(node, (byType = new Map()));
    byType.set(typeName, fields);
  }
  return fields;
}

const readCache = new WeakMap<FieldNode, Map<string, readonly string[]>>();

function subSelections(info: GraphQLResolveInfo, sets: SelectionSetNode[], name: string): SelectionSetNode[] {
  const out: SelectionSetNode[] = [];
  for (const set of sets)
    fieldsOf(info, set, (f) => {
      if (f.name.value === name && f.selectionSet) out.push(f.selectionSet);
    });
  return out;
}

/**
 * The entity properties that serve `fields`, plus `needed` (what the access rules read off
 * a row: auth/fields.ts RULE_COLUMNS); null when a field is not served by columns alone.
 * `byId` names the fields resolved from the row's id only (pages of its children). Paging
 * adds its own keys (sort key, parent key).
 */
export function propertiesFor<T extends ObjectLiteral>(
  repo: Repository<T>,
  fields: readonly string[] | undefined,
  needed: readonly string[],
  byId: readonly string[] = [],
): string[] | null {
  if (!fields) return null;
  const out = new Set<string>(['id', ...needed]);
  for (const field of fields) {
    if (field === '__typename' || byId.includes(field)) continue;
    const column =
      repo.metadata.findColumnWithPropertyName(field) ?? repo.metadata.findColumnWithPropertyName(`${field}Id`);
    if (!column) return null;
    out.add(column.propertyName);
  }
  return [...out];
}
