import { allow, deny, rule, shield } from 'graphql-shield';
import type { IRules } from 'graphql-shield';
import { type GraphQLSchema, isObjectType } from 'graphql';
import type { IMiddleware } from 'graphql-middleware/dist/types';
import { AppError, forbidden } from '../common/errors';
import type { Context } from './context';
import { creditReaders, FIELDS, isStructuralType, OPERATIONS } from './fields';
import { mayRead, personalView } from './personal';
import type { Role } from './roles';

// Rules depend on the caller (and, for personal data, on the parent row), so nothing is
// cached across parents: 'no_cache' everywhere, and the checks themselves are cheap.
const callerHas = (roles: readonly Role[], what: string) =>
  rule({ cache: 'no_cache' })((_parent, _args, ctx: Context) =>
    ctx.viewer.roles.some((r) => roles.includes(r)) ? true : forbidden(what),
  );

const personal = (type: string, field: string) =>
  rule({ cache: 'no_cache' })(async (parent, _args, ctx: Context) =>
    mayRead(await personalView(ctx, parent), FIELDS[type].personal![field])
      ? true
      : forbidden(`${type}.${field} is personal data your role may not read`),
  );

/** The shield rule tree, generated from the policy tables in fields.ts and policy.ts. */
export function buildRules(schema: GraphQLSchema): IRules {
  const rules: Record<string, Record<string, unknown> | unknown> = {};
  for (const [op, fields] of Object.entries(OPERATIONS)) {
    rules[op] = Object.fromEntries(
      Object.entries(fields).map(([f, roles]) => [f, callerHas(roles, `your role may not use ${f}`)]),
    );
  }
  const credit = callerHas(creditReaders(), 'credit fields are for finance and management');
  for (const [type, spec] of Object.entries(FIELDS)) {
    const typeRules: Record<string, unknown> = {};
    for (const f of spec.public) typeRules[f] = allow;
    for (const f of spec.credit ?? []) typeRules[f] = credit;
    for (const f of Object.keys(spec.personal ?? {})) typeRules[f] = personal(type, f);
    for (const [f, roles] of Object.entries(spec.restricted ?? {}))
      typeRules[f] = callerHas(roles, `${type}.${f} is restricted`);
    rules[type] = typeRules;
  }
  for (const type of Object.values(schema.getTypeMap())) {
    if (isObjectType(type) && isStructuralType(type.name)) rules[type.name] = allow;
  }
  return rules as IRules;
}

/**
 * Deny by default: a field nobody wrote a rule for is FORBIDDEN for everyone. Fields whose
 * rule is `allow` are left unwrapped afterwards: a check that always passes only costs a
 * promise per field, and a page of customers has thousands of fields.
 */
export function buildShield(schema: GraphQLSchema): IMiddleware {
  const rules = buildRules(schema);
  const middleware = shield(rules, {
    fallbackRule: deny,
    fallbackError: () => new AppError('FORBIDDEN', 'Not allowed: no access rule covers this field.'),
    allowExternalErrors: true,
    debug: false,
  }).generate(schema) as Record<string, Record<string, unknown>>;
  const tree = rules as Record<string, unknown>;
  for (const [type, fields] of Object.entries(middleware)) {
    const typeRule = tree[type];
    if (typeRule === allow) {
      delete middleware[type];
      continue;
    }
    for (const field of Object.keys(fields)) {
      if ((typeRule as Record<string, unknown> | undefined)?.[field] === allow) delete fields[field];
    }
  }
  return middleware as IMiddleware;
}
