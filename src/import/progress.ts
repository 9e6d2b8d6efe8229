import { SingleBar } from 'cli-progress';
import type { ImportProgress } from './import.service';

export interface ProgressView {
  update(progress: ImportProgress): void;
  stop(): void;
}

const seconds = (s: number) =>
  s >= 3600
    ? `${Math.floor(s / 3600)}h${Math.round((s % 3600) / 60)}m`
    : s >= 60
      ? `${Math.floor(s / 60)}m${Math.round(s % 60)}s`
      : `${Math.round(s)}s`;

/**
 * Progress of a long import: a bar with rows, rate and time left on a terminal; plain lines
 * (at most one every `everyMs`) when the output is a file or a pipe, so logs stay readable.
 * The time left is estimated from the bytes of the file read so far.
 */
export function progressView(stream: NodeJS.WriteStream, everyMs = 5000): ProgressView {
  const started = Date.now();
  const rate = (rows: number) => Math.round((rows * 1000) / Math.max(1, Date.now() - started));
  const left = (p: ImportProgress) => {
    const elapsed = (Date.now() - started) / 1000;
    return p.bytes > 0 ? ((p.totalBytes - p.bytes) * elapsed) / p.bytes : 0;
  };
  if (stream.isTTY) {
    const bar = new SingleBar({
      stream,
      format: '{bar} {percentage}% | {rows} rows, {rejected} refused | {rate} rows/s | {left} left',
      hideCursor: true,
      barsize: 30,
    });
    bar.start(1, 0, { rows: 0, rejected: 0, rate: 0, left: '?' });
    return {
      update: (p) =>
        bar.update(p.bytes / Math.max(1, p.totalBytes), {
          rows: p.rows.toLocaleString(),
          rejected: p.rejected.toLocaleString(),
          rate: rate(p.rows).toLocaleString(),
          left: seconds(left(p)),
        }),
      stop: () => bar.stop(),
    };
  }
  let shown = 0;
  return {
    update: (p) => {
      if (Date.now() - shown < everyMs) return;
      shown = Date.now();
      const percent = Math.floor((100 * p.bytes) / Math.max(1, p.totalBytes));
      stream.write(
        `${p.rows.toLocaleString()} rows (${percent}%), ${p.rejected.toLocaleString()} refused, ${rate(p.rows).toLocaleString()} rows/s, about ${seconds(left(p))} left\n`,
      );
    },
    stop: () => undefined,
  };
}
