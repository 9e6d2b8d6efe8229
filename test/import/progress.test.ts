import { PassThrough } from 'node:stream';
import { progressView } from '../../src/import/progress';

/** Progress of a long import: a bar on a terminal, plain lines (at most one per interval) otherwise. */
describe('import progress', () => {
  const stream = (isTTY: boolean) => {
    const out = Object.assign(new PassThrough(), {
      isTTY,
      columns: 120,
      cursorTo: () => true,
      clearLine: () => true,
      moveCursor: () => true,
    });
    let text = '';
    out.on('data', (d) => (text += String(d)));
    return { out: out as unknown as NodeJS.WriteStream, text: () => text };
  };

  it('draws a bar with rows, rate and time left on a terminal', () => {
    const { out, text } = stream(true);
    const view = progressView(out);
    view.update({ rows: 1200, rejected: 3, bytes: 50, totalBytes: 100 });
    view.stop();
    expect(text()).toMatch(/50% \| 1,200 rows, 3 refused \| [\d,]+ rows\/s \| \S+ left/);
  });

  it('writes plain lines elsewhere, no more than one per interval', () => {
    const { out, text } = stream(false);
    const view = progressView(out, 60_000);
    view.update({ rows: 200, rejected: 0, bytes: 10, totalBytes: 100 });
    view.update({ rows: 400, rejected: 0, bytes: 20, totalBytes: 100 });
    view.stop();
    expect(text().split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(/^200 rows \(10%\), 0 refused, [\d,]+ rows\/s, about \S+ left$/),
    ]);
    expect(text()).not.toMatch(/\u001b\[/);
  });
});
