/**
 * Preloaded into the API process by the feed benchmark only (`node --expose-gc -r …`): a
 * SIGUSR2 runs a full garbage collection, so heap figures compare live objects, not
 * whatever garbage happened to be waiting.
 */
process.on('SIGUSR2', () => (globalThis as { gc?: () => void }).gc?.());
