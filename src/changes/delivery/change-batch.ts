import type { ChangeEvent } from '../../outbox/change-event.entity';

/**
 * One page of committed events as the relay published it, and answers computed about it
 * once for every subscriber that asks the same question. With a thousand subscribers the
 * questions delivery asks (which of these may this scope see, does this credential still
 * hold) have few distinct answers, so each is asked of the database once per batch.
 */
export class ChangeBatch {
  private readonly answers = new Map<string, Promise<unknown>>();

  constructor(readonly events: ChangeEvent[]) {}

  /** The newest seq in the batch: a subscriber served this batch stands there. */
  get lastSeq(): number {
    return this.events[this.events.length - 1].seq;
  }

  /** The answer under `key`, computed by the first caller. A failed answer is asked again by the next caller. */
  shared<T>(key: string, compute: () => Promise<T>): Promise<T> {
    let answer = this.answers.get(key) as Promise<T> | undefined;
    if (!answer) {
      answer = compute();
      this.answers.set(key, answer);
      answer.catch(() => this.answers.delete(key));
    }
    return answer;
  }
}
