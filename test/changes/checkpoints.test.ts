/** When a changeFeed subscriber is owed a checkpoint (changes/delivery/checkpoints.ts): pure rules, no database. */
import { checkpointDue, owesCheckpoint } from '../../src/changes/delivery/checkpoints';
import { Member } from '../../src/changes/delivery/member';
import type { Outlet } from '../../src/changes/delivery/outlet';
import type { SubscriberContext } from '../../src/changes/delivery/shared-result';

const member = (cursor: number, checkpoints = true) =>
  new Member({} as Outlet, {} as SubscriberContext, cursor, checkpoints);
const EVERY = 30_000;

describe('checkpoints', () => {
  it('tells a new member where it stands at once, then only after it passed events it was not sent, at most every interval', () => {
    const m = member(100);
    expect(owesCheckpoint(m, 1_000, EVERY)).toBe(true);
    m.toldUpTo(100, 1_000);
    expect(owesCheckpoint(m, 1_000 + EVERY, EVERY)).toBe(false);
    expect(checkpointDue(m, EVERY)).toBe(Infinity);

    m.servedTo(150);
    expect(owesCheckpoint(m, 1_000 + EVERY - 1, EVERY)).toBe(false);
    expect(checkpointDue(m, EVERY)).toBe(1_000 + EVERY);
    expect(owesCheckpoint(m, 1_000 + EVERY, EVERY)).toBe(true);
  });

  it('waits out a failure, and sends none to a client that stopped reading or did not ask', () => {
    const m = member(100);
    m.failed(5_000);
    expect(owesCheckpoint(m, 5_000, EVERY)).toBe(false);
    expect(checkpointDue(m, EVERY)).toBe(m.retryAt);
    m.congested = true;
    expect(checkpointDue(m, EVERY)).toBe(Infinity);
    expect(owesCheckpoint(member(100, false), 0, 0)).toBe(false);
  });
});
