import {
  type DocumentNode,
  type FragmentDefinitionNode,
  getNamedType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../common/connection';

/** What an operation asks of the server, as its limits (query-limits.ts) count it. */
export interface Measure {
  /** Nesting of fields with selections (a leaf adds nothing); introspection fields not counted. */
  depth: number;
  /** Aliased fields, introspection included: aliases are how one document asks for the same thing many times. */
  aliases: number;
  /** Fields times the rows they are asked for: `first`/`last` (or the default page) multiply a page's list fields. */
  cost: number;
}

/** A selection set's share: `single` for its non-list fields, `listed` for its list fields, which the parent's page size multiplies. */
interface Part {
  depth: number;
  aliases: number;
  single: number;
  listed: number;
}
const NOTHING: Part = { depth: 0, aliases: 0, single: 0, listed: 0 };
const add = (a: Part, b: Part): Part => ({
  depth: Math.max(a.depth, b.depth),
  aliases: a.aliases + b.aliases,
  single: a.single + b.single,
  listed: a.listed + b.listed,
});

/** Rows a page of `first`/`last` asks for: literal or variable, defaulted as paging does, at most the page cap (larger is refused anyway). */
function rowsOf(value: ValueNode, variables: Record<string, unknown>, defaults: Map<string, ValueNode>): number {
  let n: unknown = value.kind === Kind.INT ? Number(value.value) : value.kind === Kind.NULL ? null : MAX_PAGE_SIZE;
  if (value.kind === Kind.VARIABLE) {
    const name = value.name.value;
    const fallback = defaults.get(name);
    n = name in variables ? variables[name] : fallback ? rowsOf(fallback, {}, new Map()) : null;
  }
  if (n == null) return DEFAULT_PAGE_SIZE;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? Math.min(n, MAX_PAGE_SIZE) : MAX_PAGE_SIZE;
}

/**
 * Measures one operation with its fragments. Each fragment is measured once however often
 * it is spread (fragments spreading fragments twice over would otherwise take exponential
 * time), and one still being measured counts as nothing (validation refuses cycles).
 */
export function measure(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
): Measure {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const defaults = new Map<string, ValueNode>();
  for (const def of operation.variableDefinitions ?? [])
    if (def.defaultValue) defaults.set(def.variable.name.value, def.defaultValue);
  const measured = new Map<string, Part>();

  const fragment = (name: string): Part => {
    const known = measured.get(name);
    if (known) return known;
    measured.set(name, NOTHING);
    const def = fragments.get(name);
    const part = def ? selections(def.selectionSet, schema.getType(def.typeCondition.name.value)) : NOTHING;
    measured.set(name, part);
    return part;
  };

  const selections = (set: SelectionSetNode, type: GraphQLNamedType | undefined): Part => {
    let part = NOTHING;
    for (const node of set.selections) {
      if (node.kind === Kind.FRAGMENT_SPREAD) part = add(part, fragment(node.name.value));
      else if (node.kind === Kind.INLINE_FRAGMENT)
        part = add(
          part,
          selections(node.selectionSet, node.typeCondition ? schema.getType(node.typeCondition.name.value) : type),
        );
      else {
        // Meta fields (__typename, __schema, __type) are not among a type's fields: their types stay unknown, which aliases do not need.
        const field: GraphQLField<unknown, unknown> | undefined =
          isObjectType(type) || isInterfaceType(type) ? type.getFields()[node.name.value] : undefined;
        const inner = node.selectionSet ? selections(node.selectionSet, field && getNamedType(field.type)) : NOTHING;
        const aliases = inner.aliases + (node.alias ? 1 : 0);
        if (node.name.value.startsWith('__')) {
          part = add(part, { ...NOTHING, aliases });
          continue;
        }
        const paged = field?.args.some((a) => a.name === 'first' || a.name === 'last') ?? false;
        const asked = (node.arguments ?? [])
          .filter((a) => a.name.value === 'first' || a.name.value === 'last')
          .map((a) => rowsOf(a.value, variables, defaults));
        // Without first/last, the page the field itself defaults to (statistics: 100 groups), else the default page.
        const fallback = field?.args.find((a) => a.name === 'first')?.defaultValue;
        const unasked = typeof fallback === 'number' ? Math.min(fallback, MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
        const rows = paged ? (asked.length ? Math.max(...asked) : unasked) : 1;
        const cost = 1 + inner.single + rows * inner.listed;
        const list = field ? isListType(isNonNullType(field.type) ? field.type.ofType : field.type) : false;
        part = add(part, {
          depth: node.selectionSet ? inner.depth + 1 : 0,
          aliases,
          single: list ? 0 : cost,
          listed: list ? cost : 0,
        });
      }
    }
    return part;
  };

  const root = selections(operation.selectionSet, schema.getRootType(operation.operation) ?? undefined);
  return { depth: root.depth, aliases: root.aliases, cost: root.single + root.listed };
}
