import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics for /metrics: process defaults plus GraphQL operations by name and outcome. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const operations = new Counter({
    name: 'graphql_operations_total', help: 'GraphQL operations by name, type and outcome',
    labelNames: ['operation', 'type', 'outcome'] as const, registers: [registry],
  });
  const duration = new Histogram({
    name: 'graphql_operation_duration_seconds', help: 'GraphQL operation duration',
    labelNames: ['type'] as const, buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5], registers: [registry],
  });
  const fellBehind = new Counter({
    name: 'change_feed_fell_behind_total', help: 'Live subscriptions whose client stopped keeping up and went back to reading the outbox',
    registers: [registry],
  });
  return { registry, operations, duration, fellBehind };
}
export type Metrics = ReturnType<typeof createMetrics>;
