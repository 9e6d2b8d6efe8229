/**
 * The items of an async iterator, one ahead: while the caller works on an item (and waits
 * for the database), the next one is produced and `prepare`d, so the producer's CPU work
 * fills the caller's waits. A failure of the producer is answered by the next() that would
 * have returned its item; close() waits for the item in flight and ends the source.
 */
export interface ReadAhead<T> {
  next(): Promise<T | undefined>;
  close(): Promise<void>;
}

export function readAhead<T>(source: AsyncIterator<T>, prepare?: (item: T) => void | Promise<void>): ReadAhead<T> {
  const pull = () => {
    const result = source.next().then(async (r) => {
      if (!r.done) await prepare?.(r.value);
      return r;
    });
    result.catch(() => undefined); // answered by next()
    return result;
  };
  let pending = pull();
  let ended = false;
  return {
    async next() {
      const result = await pending;
      if (result.done) {
        ended = true;
        return undefined;
      }
      pending = pull();
      return result.value;
    },
    async close() {
      if (ended) return;
      ended = true;
      await pending.catch(() => undefined);
      await source.return?.();
    },
  };
}
