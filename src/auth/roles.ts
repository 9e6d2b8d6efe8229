import { registerEnumType } from 'type-graphql';

/** Role names exactly as they appear in tokens (see DESIGN.md). */
export const ROLES = [
  'sales_rep',
  'sales_manager',
  'customer_service',
  'finance',
  'general_manager',
  'archive_admin',
  'analyst',
  'partner',
] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (value: unknown): value is Role => ROLES.includes(value as Role);

/** GraphQL enum of roles (SALES_REP …); the token and the database keep the lower-case names. */
export enum RoleName {
  SALES_REP = 'sales_rep',
  SALES_MANAGER = 'sales_manager',
  CUSTOMER_SERVICE = 'customer_service',
  FINANCE = 'finance',
  GENERAL_MANAGER = 'general_manager',
  ARCHIVE_ADMIN = 'archive_admin',
  ANALYST = 'analyst',
  PARTNER = 'partner',
}
registerEnumType(RoleName, { name: 'Role', description: 'Role of an employee or a caller' });
