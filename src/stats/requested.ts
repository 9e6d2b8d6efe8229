import { type FieldNode, type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';

/**
 * The fields asked for under `path` (e.g. groups → sum) of the field being resolved,
 * through fragments and inline fragments: the statistics compute only the totals asked for.
 */
export function requestedFields(info: GraphQLResolveInfo, path: string[]): Set<string> {
  const out = new Set<string>();
  const walk = (set: SelectionSetNode | undefined, depth: number) => {
    for (const node of set?.selections ?? []) {
      if (node.kind === Kind.FRAGMENT_SPREAD) walk(info.fragments[node.name.value]?.selectionSet, depth);
      else if (node.kind === Kind.INLINE_FRAGMENT) walk(node.selectionSet, depth);
      else if (depth === path.length) out.add(node.name.value);
      else if (node.name.value === path[depth]) walk((node as FieldNode).selectionSet, depth + 1);
    }
  };
  for (const field of info.fieldNodes) walk(field.selectionSet, 0);
  return out;
}
