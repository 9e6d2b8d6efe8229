import { allow, deny, rule, shield } from 'graphql-shield';
import type { IRules } from 'graphql-shield';
import { type GraphQLSchema, isObjectType } from 'graphql';
import type { IMiddleware, IMiddlewareResolver } from 'graphql-middleware/dist/types';
import { AppError, forbidden } from '../common/errors';
import type { Context } from './context';
import { creditReaders, FIELDS, isStructuralType, OPERATIONS } from './fields';
import { mayRead, personalView, type PersonalView } from './personal';
import type { Role } from './roles';

/** A field rule's verdict for one parent row: allowed, or the error the field answers with. */
type Verdict = true | AppError;
type Check = (parent: unknown, ctx: Context) => Verdict | Promise<Verdict>;

/**
 * The check behind each generated rule, run directly by buildShield: graphql-shield runs a
 * rule through several async functions, so every guarded field became a promise (issue 17:
 * the contacts of a list page, each with three personal fields, completed as promises).
 * The checks themselves are synchronous unless they need a row (a sales rep's own customer).
 */
const checks = new WeakMap<object, Check>();

function ruleOf(check: Check) {
  // Rules depend on the caller (and, for personal data, on the parent row): nothing is cached across parents.
  const made = rule({ cache: 'no_cache' })((parent, _args, ctx: Context) => check(parent, ctx));
  checks.set(made, check);
  return made;
}

const callerHas = (roles: readonly Role[], what: string) =>
  ruleOf((_parent, ctx) => (ctx.viewer.roles.some((r) => roles.includes(r)) ? true : forbidden(what)));

const personal = (type: string, field: string) => {
  const mask = FIELDS[type].personal![field];
  const denied = () => forbidden(`${type}.${field} is personal data your role may not read`);
  const verdict = (view: PersonalView): Verdict => (mayRead(view, mask) ? true : denied());
  return ruleOf((parent, ctx) => {
    const view = personalView(ctx, parent as { customerId: number });
    return view instanceof Promise ? view.then(verdict) : verdict(view);
  });
};

/** Runs a field's check, then its resolver: what graphql-shield's field middleware does, without a promise when the check has none. */
const guarded =
  (check: Check): IMiddlewareResolver<unknown, Context> =>
  (resolve, parent, args, ctx, info) => {
    const verdict = check(parent, ctx);
    if (verdict === true) return resolve(parent, args, ctx, info);
    if (verdict instanceof Promise) return verdict.then((v) => (v === true ? resolve(parent, args, ctx, info) : v));
    return verdict;
  };

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
 * promise per field, and a page of customers has thousands of fields. Fields with one of
 * the rules above run its check directly (`guarded`), answering as shield would: the value,
 * or the rule's error at the field's path.
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
      const fieldRule = (typeRule as Record<string, object> | undefined)?.[field];
      if (fieldRule === allow) delete fields[field];
      const check = fieldRule && checks.get(fieldRule);
      if (check) fields[field] = guarded(check);
    }
  }
  return middleware as IMiddleware;
}
