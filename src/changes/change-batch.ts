import type { ChangeEvent } from './change-event.entity';

/**
 * One page of committed events as the relay published it, and answers computed about it
 * once for every subscriber that asks the same question. With a thousand subscribers the
 * questions delivery asks (which of these may this scope see, does this credential still
 * hold) have few distinct answers, so each is asked of the database once per batch.
 */
export class ChangeBatch {
  private readonly answers = new Map<string, Promise<unknown>>();
  /** Answers that have arrived, handed out as they are: most askers need no await at all. */
  private readonly settled = new Map<string, unknown>();

  constructor(readonly events: ChangeEvent[]) {}

  /**
   * The answer under `key`, computed by the first caller: the value itself once it has
   * arrived (at once, when `compute` needs no waiting), else a promise of it. A failure is
   * asked again by the next caller.
   */
  shared<T>(key: string, compute: () => T | Promise<T>): T | Promise<T> {
    if (this.settled.has(key)) return this.settled.get(key) as T;
    let answer = this.answers.get(key) as Promise<T> | undefined;
    if (!answer) {
      const now = compute();
      if (!(now instanceof Promise)) {
        this.settled.set(key, now);
        return now;
      }
      answer = now;
      this.answers.set(key, answer);
      answer.then((value) => this.settled.set(key, value), () => this.answers.delete(key));
    }
    return answer;
  }
}
