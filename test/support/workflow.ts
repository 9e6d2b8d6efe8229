import { ApproveArchiveDocument, CreateDraftDocument } from '../generated/graphql';
import type { User } from '../../src/users/user.entity';
import { expectNoErrors, type GqlOptions, type TestServer } from './server';
import { send } from './typed';

let drafts = 0;

/** The caller's options for an employee acting in its role. */
export const as = (user: User): GqlOptions => ({ role: user.role, userId: user.id });

/**
 * An archive the way users make one (DOMAIN rule 1): `owner` creates the draft, `approver`
 * (a manager who did not create it) approves it. Resolves to the approved archive.
 */
export async function approvedArchive(
  server: TestServer,
  owner: User,
  approver: User,
  over: Record<string, unknown> = {},
) {
  const input = {
    name: `流程客户${process.pid}${++drafts}有限公司`,
    kind: 'ENTERPRISE',
    region: 'EAST',
    ...over,
  } as never;
  const draft = expectNoErrors((await send(server, CreateDraftDocument, { input }, as(owner))).body).createCustomer;
  return expectNoErrors(
    (await send(server, ApproveArchiveDocument, { id: draft.id, version: draft.version }, as(approver))).body,
  ).approveArchive;
}
