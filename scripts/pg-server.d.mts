// Types for scripts/pg-server.mjs (plain JavaScript so `node` can run it without a build step).
export function postgresBinDir(): string;
export function startPostgres(options?: { quiet?: boolean }): Promise<{ url: string; stop: () => void; startSeconds: number }>;
