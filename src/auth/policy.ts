import { Role } from './roles';

/** Record types that can be written through the API. */
export type RecordType = 'Customer' | 'Contact' | 'Trade' | 'Complaint' | 'Visit';

export interface RolePolicy {
  /** May read A-class archives without an access grant. */
  seesClassA: boolean;
  /** May read an A-class archive while holding an approved, unexpired access grant (借阅) for it. */
  classAWithGrant: boolean;
  /** May read credit fields (credit level, limit, terms, balance, bank, assessment). */
  readsCredit: boolean;
  /** How contacts' personal data appears: in full, in full only for own customers, masked, or not at all. */
  personalData: 'full' | 'own' | 'masked' | 'none';
  /** Record types this role may create and update. */
  writes: readonly RecordType[];
  /** Writes limited to customers the caller owns. */
  writesOwnOnly: boolean;
}

/**
 * THE access policy (DESIGN.md "Roles and what they may see"), as data. Services, the
 * schema descriptions and the tests all read this one table; change it here only.
 */
export const POLICY: Record<Role, RolePolicy> = {
  sales_rep: { seesClassA: false, classAWithGrant: true, readsCredit: false, personalData: 'own', writes: ['Customer', 'Contact', 'Visit', 'Trade'], writesOwnOnly: true },
  sales_manager: { seesClassA: true, classAWithGrant: false, readsCredit: true, personalData: 'full', writes: ['Customer', 'Contact', 'Trade', 'Complaint', 'Visit'], writesOwnOnly: false },
  customer_service: { seesClassA: false, classAWithGrant: true, readsCredit: false, personalData: 'full', writes: ['Complaint', 'Visit'], writesOwnOnly: false },
  finance: { seesClassA: true, classAWithGrant: false, readsCredit: true, personalData: 'masked', writes: ['Trade', 'Customer'], writesOwnOnly: false },
  general_manager: { seesClassA: true, classAWithGrant: false, readsCredit: true, personalData: 'full', writes: ['Customer', 'Contact', 'Trade', 'Complaint', 'Visit'], writesOwnOnly: false },
  archive_admin: { seesClassA: true, classAWithGrant: false, readsCredit: false, personalData: 'full', writes: ['Customer'], writesOwnOnly: false },
  analyst: { seesClassA: false, classAWithGrant: false, readsCredit: false, personalData: 'masked', writes: [], writesOwnOnly: false },
  partner: { seesClassA: false, classAWithGrant: false, readsCredit: false, personalData: 'none', writes: [], writesOwnOnly: false },
};

export const rolesThatWrite = (type: RecordType): Role[] =>
  (Object.keys(POLICY) as Role[]).filter((role) => POLICY[role].writes.includes(type));

/** Roles that approve, reject and revoke access grants (借阅); a requester never decides its own. */
export const GRANT_DECIDERS: readonly Role[] = ['sales_manager', 'general_manager'];

/** Roles that may list everyone's access grants: the deciders, and archive_admin who keeps the records. */
export const GRANT_READERS: readonly Role[] = [...GRANT_DECIDERS, 'archive_admin'];

/** Roles that approve or reject new archives (建档审批); never a draft they created. */
export const ARCHIVE_APPROVERS: readonly Role[] = ['sales_manager', 'general_manager'];

/** Roles that reassign archives to other owners and hand over a leaving employee's archives (员工调离). */
export const OWNER_ASSIGNERS: readonly Role[] = ['sales_manager', 'general_manager'];

/** Who issues and revokes partner API keys. */
export const PARTNER_KEY_ADMINS: readonly Role[] = ['general_manager', 'archive_admin'];
