/**
 * The change feed executes an event once for all viewers with one view key (auth/view-key.ts),
 * under the first one's context: safe only while the key names everything an answer depends on
 * about a viewer. These fail when a policy field is not declared, when a viewer-dependent rule
 * (the row scope) tells apart viewers the key lumps together, or when the key splits viewers
 * by something no rule reads.
 */
import type { Viewer } from '../../src/auth/jwt';
import { POLICY, POLICY_DEPENDS_ON } from '../../src/auth/policy';
import { type Role, ROLES } from '../../src/auth/roles';
import { viewKey } from '../../src/auth/view-key';
import { scopeKey } from '../../src/auth/row-scope';

/** Every role alone and every pair: tokens may carry several roles. */
const ROLE_SETS: Role[][] = [
  ...ROLES.map((r) => [r]),
  ...ROLES.flatMap((a, i) => ROLES.slice(i + 1).map((b) => [a, b])),
];
const USERS = [null, 1, 2];
const viewer = (roles: Role[], userId: number | null, over: Partial<Viewer> = {}): Viewer => ({
  roles,
  userId,
  subject: String(userId ?? 'service-client'),
  ...over,
});

describe('view key', () => {
  it('is built from a declaration of every policy field', () => {
    for (const role of ROLES) expect(Object.keys(POLICY[role]).sort()).toEqual(Object.keys(POLICY_DEPENDS_ON).sort());
  });

  it('never lumps together viewers whose row scope differs', () => {
    for (const roles of ROLE_SETS) {
      for (const a of USERS) {
        for (const b of USERS) {
          const [va, vb] = [viewer(roles, a), viewer(roles, b)];
          if (viewKey(va) === viewKey(vb)) expect([roles, a, b, scopeKey(va)]).toEqual([roles, a, b, scopeKey(vb)]);
        }
      }
    }
  });

  it('tells employees apart only for roles whose rules are per employee (grants, own customers)', () => {
    const splitsUsers = (role: Role) => viewKey(viewer([role], 1)) !== viewKey(viewer([role], 2));
    expect(ROLES.filter(splitsUsers)).toEqual(['sales_rep', 'customer_service']);
    // What no rule reads: the token's subject, its expiry, the partner key behind it.
    for (const roles of ROLE_SETS) {
      expect(viewKey(viewer(roles, 1, { subject: 'a', expiresAt: 1, partnerKeyId: 1 }))).toBe(
        viewKey(viewer(roles, 1, { subject: 'b', expiresAt: 2, partnerKeyId: 2 })),
      );
    }
  });
});
