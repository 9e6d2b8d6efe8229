import { ROLES, type Role } from '../auth/roles';

/**
 * The demo data's first employees hold one role each, in ROLES order, so user id i+1 has
 * ROLES[i]; `npm run token -- --role finance` then names a real employee by default.
 */
export const demoUserIdFor = (role: Role): number => ROLES.indexOf(role) + 1;
