import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Distinct operation names kept as labels; later names count as `other`. */
export const MAX_OPERATION_LABELS = 100;
/** Longer names are cut: a label is for a dashboard, not for storing what a client sent. */
export const MAX_OPERATION_LABEL_LENGTH = 64;

/**
 * Prometheus metrics for /metrics: process defaults plus GraphQL operations by name and
 * outcome. Every label value adds a series held for the life of the process, so names
 * come only from operations that were authenticated and valid, cut to a length, and
 * capped in number.
 */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const operations = new Counter({
    name: 'graphql_operations_total',
    help: 'GraphQL operations by name, type and outcome',
    labelNames: ['operation', 'type', 'outcome'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'graphql_operation_duration_seconds',
    help: 'GraphQL operation duration',
    labelNames: ['type'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const fellBehind = new Counter({
    name: 'change_feed_fell_behind_total',
    help: 'Live subscriptions whose client stopped keeping up and went back to reading the outbox',
    registers: [registry],
  });
  const names = new Set<string>();
  /** The label of a resolved operation's name: `anonymous` without one, `other` once the cap is reached. */
  const operationLabel = (name: string | null | undefined): string => {
    if (!name) return 'anonymous';
    const label = name.slice(0, MAX_OPERATION_LABEL_LENGTH);
    if (names.has(label)) return label;
    if (names.size >= MAX_OPERATION_LABELS) return 'other';
    names.add(label);
    return label;
  };
  return { registry, operations, duration, fellBehind, operationLabel };
}
export type Metrics = ReturnType<typeof createMetrics>;
