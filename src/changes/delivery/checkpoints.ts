import type { Member } from './member';

/**
 * Checkpoints (the `changeFeed` subscription): a subscriber that sees one event in a thousand
 * would otherwise hold the cursor of its last event, which leaves retention long before
 * anything it could see did, and resuming from it would answer CURSOR_EXPIRED. So a member
 * that asked for them is told its cursor once it has passed events it was not sent: at the
 * end of its first pass (so a subscriber with nothing to replay learns where it starts), then
 * at most every `every` ms. The cursor is only where it stands (it moves
 * once what lies before it is on its socket, member.ts), so resuming from a checkpoint
 * neither replays nor skips an event, and it tells no more than an event's cursor would.
 */
export const DEFAULT_CHECKPOINT_MS = 30_000;

/** Whether `m` is owed a checkpoint now. */
export function owesCheckpoint(m: Member, now: number, every: number): boolean {
  return m.checkpoints && m.ready(now) && m.cursor > m.told && now - m.toldAt >= every;
}

/** When `m` will be owed one (ms), or Infinity: what the group's timer waits for. */
export function checkpointDue(m: Member, every: number): number {
  if (!m.checkpoints || !m.active || m.congested || m.cursor <= m.told) return Infinity;
  return Math.max(m.toldAt + every, m.retryAt);
}
