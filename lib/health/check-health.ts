// What a load balancer or monitor asks an instance: can it reach its database? One trivial query,
// answered with the store's kind and how long it took. Nothing about patients or users, so the
// answer may be public.
import { db, store } from "@/lib/db";
import type { Store } from "@/lib/db-url";

export interface HealthReport {
  status: "ok" | "unavailable";
  store: Store;
  database: "reachable" | "unreachable";
  /** How long the database took to answer (ms). */
  checkedInMs: number;
}

type Queryable = { $queryRawUnsafe: (query: string) => Promise<unknown> };

export async function checkHealth(client: Queryable = db, ofStore: Store = store): Promise<HealthReport> {
  const started = performance.now();
  const took = () => Math.round((performance.now() - started) * 10) / 10;
  try {
    await client.$queryRawUnsafe("SELECT 1");
    return { status: "ok", store: ofStore, database: "reachable", checkedInMs: took() };
  } catch (error) {
    // The reason goes to the server's log, not to whoever asked.
    console.error("health: the database did not answer", error);
    return { status: "unavailable", store: ofStore, database: "unreachable", checkedInMs: took() };
  }
}
