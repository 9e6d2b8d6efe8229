import { readAhead } from '../../src/common/read-ahead';

/** A source that records what happened when, and yields the items it is given. */
function source(items: number[], failAt?: number) {
  const log: string[] = [];
  let closed = false;
  async function* produce() {
    try {
      for (const item of items) {
        await Promise.resolve();
        if (item === failAt) throw new Error(`cannot read ${item}`);
        log.push(`read ${item}`);
        yield item;
      }
    } finally {
      closed = true;
    }
  }
  return { iterator: produce(), log, closed: () => closed };
}

/** Lets the source run until it waits for its consumer (a few turns of the microtask queue). */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('readAhead', () => {
  it('reads and prepares the next item while the caller works on the current one', async () => {
    const s = source([1, 2, 3]);
    const ahead = readAhead(s.iterator, (item) => void s.log.push(`prepare ${item}`));
    expect(await ahead.next()).toBe(1);
    await settle(); // the caller waits (for the database): the next item is read and prepared meanwhile
    // One item ahead, not more.
    expect(s.log).toEqual(['read 1', 'prepare 1', 'read 2', 'prepare 2']);
    expect(await ahead.next()).toBe(2);
    expect(await ahead.next()).toBe(3);
    expect(await ahead.next()).toBeUndefined();
    expect(s.closed()).toBe(true);
  });

  it("answers the source's failure at the next() that would have returned its item", async () => {
    const s = source([1, 2, 3], 2);
    const ahead = readAhead(s.iterator);
    expect(await ahead.next()).toBe(1);
    await settle(); // item 2 fails while nobody asks: no unhandled rejection
    await expect(ahead.next()).rejects.toThrow('cannot read 2');
  });

  it('closes the source when the caller stops early, after the item in flight', async () => {
    const s = source([1, 2, 3]);
    const ahead = readAhead(s.iterator);
    expect(await ahead.next()).toBe(1);
    await ahead.close();
    expect(s.closed()).toBe(true);
    expect(s.log).toEqual(['read 1', 'read 2']);
  });
});
