import autocannon from 'autocannon';

/** One server and one screen: where to POST, as whom, and the bodies to send in turn. */
export interface Target {
  url: string;
  token: string;
  /** Sent round-robin, so the load walks pages and archives instead of one cached answer. */
  bodies: string[];
  /** CPU seconds the server process has used so far: CPU per request is steadier than throughput on a busy machine. */
  cpu?: () => Promise<number>;
}

export interface Measured {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  /** Server CPU per answered request, ms (NaN without `cpu`). */
  cpuMs: number;
  /** Answers that were not 2xx or carried GraphQL errors. */
  failed: number;
}

export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);

/** Latency at rank floor(p% of n) of the sorted list, in ms. */
function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}

/** `seconds` of load with autocannon; latencies are every response's own, so p95 is exact. */
export async function load(target: Target, seconds: number, connections = CONNECTIONS): Promise<Measured> {
  let next = 0;
  let failed = 0;
  const cpuBefore = target.cpu ? await target.cpu() : NaN;
  const latencies: number[] = [];
  let done!: (r: autocannon.Result) => void;
  let fail!: (e: unknown) => void;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    done = resolve;
    fail = reject;
  });
  const instance = autocannon(
    {
      url: target.url,
      method: 'POST',
      connections,
      duration: seconds,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${target.token}` },
      requests: [
        {
          setupRequest: (req) => ({ ...req, body: target.bodies[next++ % target.bodies.length] }),
          onResponse: (status, body) => {
            if (status >= 300 || body.includes('"errors"')) failed++;
          },
        },
      ],
    },
    (err, result) => (err ? fail(err) : done(result)),
  );
  instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms));
  const result = await finished;
  const cpuMs = target.cpu ? (((await target.cpu()) - cpuBefore) * 1000) / Math.max(1, result.requests.total) : NaN;
  latencies.sort((a, b) => a - b);
  return {
    cpuMs,
    rps: result.requests.total / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    requests: result.requests.total,
    failed: failed + result.errors,
  };
}

export const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Medians of each figure over rounds. */
export function medianOf(rounds: Measured[]): Measured {
  const m = (k: keyof Measured) => median(rounds.map((r) => r[k]));
  return {
    rps: m('rps'),
    cpuMs: m('cpuMs'),
    p50: m('p50'),
    p95: m('p95'),
    p99: m('p99'),
    requests: rounds.reduce((s, r) => s + r.requests, 0),
    failed: rounds.reduce((s, r) => s + r.failed, 0),
  };
}

/**
 * Rounds of A, B, A, B … (each `seconds` long, after one short unmeasured warm-up of each), so
 * machine noise hits both alike; the medians are what is reported.
 */
export async function interleaved(targets: Target[], rounds: number, seconds: number): Promise<Measured[]> {
  for (const t of targets) await load(t, 1);
  const all: Measured[][] = targets.map(() => []);
  for (let i = 0; i < rounds; i++) {
    for (const [k, t] of targets.entries()) all[k].push(await load(t, seconds));
  }
  return all.map(medianOf);
}
