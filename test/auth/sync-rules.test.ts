import { type GraphQLFieldResolver, type GraphQLObjectType, type GraphQLResolveInfo } from 'graphql';
import type { Context } from '../../src/auth/context';
import type { Role } from '../../src/auth/roles';
import { AppError } from '../../src/common/errors';
import { createProtectedSchema } from '../../src/server/app';

/**
 * Field rules that need nothing but the caller answer without a promise (issue 17: every
 * guarded field of a list page used to complete as a promise). What they answer is proven
 * by the access matrix (matrix.test.ts); this proves how.
 */
describe('field rules that need only the caller', () => {
  let schema: Awaited<ReturnType<typeof createProtectedSchema>>;
  beforeAll(async () => {
    schema = await createProtectedSchema();
  });

  const resolverOf = (type: string, field: string) =>
    (schema.getType(type) as GraphQLObjectType).getFields()[field].resolve as GraphQLFieldResolver<unknown, Context>;
  const contextOf = (role: Role) => ({ viewer: { userId: 1, subject: '1', roles: [role] } }) as unknown as Context;
  const run = (type: string, field: string, row: object, role: Role) =>
    resolverOf(type, field)(row, {}, contextOf(role), { fieldName: field } as GraphQLResolveInfo);

  const contact = { id: 1, customerId: 7, name: '王小明', mobile: '13812345678', classAArchiveNo: null };
  const customer = { id: 7, archiveNo: 'HD1', abcClass: 'B', creditLimit: '1000.00' };

  it('masks personal data for a masked view at once', () => {
    expect(run('Contact', 'name', contact, 'analyst')).toBe('王**');
    expect(run('Contact', 'mobile', contact, 'analyst')).toBe('138****5678');
    expect(run('Contact', 'name', contact, 'general_manager')).toBe('王小明');
  });

  it('refuses personal data and credit fields at once, with the rule error', () => {
    const hidden = run('Contact', 'name', contact, 'partner');
    expect(hidden).toBeInstanceOf(AppError);
    expect((hidden as AppError).code).toBe('FORBIDDEN');
    const credit = run('Customer', 'creditLimit', customer, 'analyst');
    expect(credit).toBeInstanceOf(AppError);
    expect((credit as AppError).code).toBe('FORBIDDEN');
  });

  it('answers a credit field to a role that reads credit at once', () => {
    expect(run('Customer', 'creditLimit', customer, 'finance')).toBe('1000.00');
  });
});
