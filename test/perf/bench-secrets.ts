/**
 * The secrets every benchmark of one `npm run bench` uses: one process seals ids with one
 * ID_SECRET (common/global-id.ts refuses a second), and the feed benchmark reads each
 * event's seq off its cursor with it.
 */
export const BENCH_JWT_SECRET = 'bench-secret-bench-secret-bench-secret';
export const BENCH_ID_SECRET = 'bench-id-secret-bench-id-secret-bench-id-secret';
