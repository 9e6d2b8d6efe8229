import type { ChangeEvent } from './change-event.entity';

/**
 * One page of committed events as the relay published it, and answers computed about it
 * once for every subscriber that asks the same question. With a thousand subscribers the
 * questions delivery asks (which of these may this scope see, does this credential still
 * hold) have few distinct answers, so each is asked of the database once per batch.
 */
export class ChangeBatch {
  /** Per key, the answer: a promise while it is being computed, the value itself once it has arrived. */
  private readonly answers = new Map<string, unknown>();

  constructor(readonly events: ChangeEvent[]) {}

  /**
   * The answer under `key`, computed by the first caller: the value itself once it has
   * arrived (at once, when `compute` needs no waiting), else a promise of it, so most askers
   * need no await at all. A failure is asked again by the next caller.
   */
  shared<T>(key: string, compute: () => T | Promise<T>): T | Promise<T> {
    if (this.answers.has(key)) return this.answers.get(key) as T | Promise<T>;
    const answer = compute();
    this.answers.set(key, answer);
    if (answer instanceof Promise) answer.then((value) => this.answers.set(key, value), () => this.answers.delete(key));
    return answer;
  }
}
