// Types for scripts/server-memory.mjs (plain JavaScript so `node` can run it without a build step).
export const SERVER_HEAP_MB: number;
export function withServerHeap<Env extends Record<string, string | undefined>>(env: Env): Env;
