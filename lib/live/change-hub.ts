// One hub per process between the change feed and the open live streams. It reads the feed once
// per wake-up (whatever the number of open pages) and hands every new change to every subscriber.
// Wake-ups:
// - this process committed a clinical write: `announceClinicalChange()` (clinical-write.ts);
// - another instance committed one (PostgreSQL): a LISTEN connection receives its NOTIFY;
// - a slow poll while anyone listens: a safety net for a lost LISTEN connection or a write by
//   another process on the same SQLite file.
// A subscriber that names the last event it saw first catches up from the feed, then continues
// with the hub's broadcasts, so a reconnect loses nothing and repeats nothing.
import pg from "pg";
import { databaseUrl } from "@/lib/db-url";
import { store } from "@/lib/db";
import { CHANGE_CHANNEL, changesAfter, latestChangeId, type ClinicalChangeEvent } from "@/lib/live/change-feed";

type Broadcast = (events: ClinicalChangeEvent[]) => void;

const SAFETY_POLL_MS = Number(process.env.LIVE_POLL_MS) || 5_000;
const RELISTEN_MS = 1_000;

class ChangeHub {
  private readonly listeners = new Set<Broadcast>();
  /** The newest change handed to the listeners; null until the hub has read where the feed stands. */
  private cursor: number | null = null;
  private reading: Promise<void> | null = null;
  private readAgain = false;
  private poll: NodeJS.Timeout | null = null;
  private listenClient: pg.Client | null = null;
  private relisten: NodeJS.Timeout | null = null;

  add(listener: Broadcast): () => void {
    this.listeners.add(listener);
    if (this.listeners.size === 1) this.start();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  }

  /** Read the feed now (coalesced: one read at a time, one more if woken during it). */
  wake(): void {
    if (this.listeners.size === 0) return;
    if (this.reading) {
      this.readAgain = true;
      return;
    }
    this.reading = this.readNew()
      .catch((error: unknown) => console.error("live: reading the change feed failed", error))
      .finally(() => {
        this.reading = null;
        if (this.readAgain) {
          this.readAgain = false;
          this.wake();
        }
      });
  }

  private async readNew(): Promise<void> {
    this.cursor ??= await latestChangeId();
    for (;;) {
      const events = await changesAfter(this.cursor);
      if (events.length === 0) return;
      this.cursor = events[events.length - 1]!.id;
      for (const listener of [...this.listeners]) listener(events);
    }
  }

  private start(): void {
    this.cursor = null;
    this.wake();
    this.poll = setInterval(() => this.wake(), SAFETY_POLL_MS);
    this.poll.unref();
    if (store === "postgresql") void this.listen();
  }

  private stop(): void {
    if (this.poll) clearInterval(this.poll);
    if (this.relisten) clearTimeout(this.relisten);
    this.poll = this.relisten = null;
    const client = this.listenClient;
    this.listenClient = null;
    void client?.end().catch(() => undefined);
  }

  /** PostgreSQL: one connection per process LISTENs for other instances' commits; re-opened if lost. */
  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: databaseUrl() });
    this.listenClient = client;
    const lost = () => {
      if (this.listenClient !== client) return;
      this.listenClient = null;
      void client.end().catch(() => undefined);
      if (this.listeners.size > 0) this.relisten = setTimeout(() => void this.listen(), RELISTEN_MS);
    };
    client.on("notification", () => this.wake());
    client.on("error", lost);
    client.on("end", lost);
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGE_CHANNEL}`);
      // Anything committed while the connection was down.
      this.wake();
    } catch (error) {
      console.error("live: LISTEN failed, retrying", error);
      lost();
    }
  }
}

const globalForHub = globalThis as unknown as { crsChangeHub?: ChangeHub };
const hub = (globalForHub.crsChangeHub ??= new ChangeHub());

/** After this process committed a clinical write: wake the streams without waiting for a NOTIFY or the poll. */
export function announceClinicalChange(): void {
  hub.wake();
}

/**
 * Receive every committed change after `afterId` (null: after the newest one now), in id order,
 * each once, until the returned function is called.
 */
export async function subscribeToChanges(
  afterId: number | null,
  deliver: (events: ClinicalChangeEvent[]) => void,
): Promise<() => void> {
  let last = afterId ?? -1;
  let catchingUp = true;
  const held: ClinicalChangeEvent[] = [];
  const pass = (events: ClinicalChangeEvent[]) => {
    const fresh = events.filter((event) => event.id > last);
    if (fresh.length === 0) return;
    last = fresh[fresh.length - 1]!.id;
    deliver(fresh);
  };
  // Listen first, then read the backlog: a change committed in between arrives one way or the other.
  const remove = hub.add((events) => (catchingUp ? held.push(...events) : pass(events)));
  try {
    if (afterId === null) last = await latestChangeId();
    for (;;) {
      const backlog = await changesAfter(last);
      if (backlog.length === 0) break;
      pass(backlog);
    }
  } catch (error) {
    remove();
    throw error;
  }
  catchingUp = false;
  pass(held.sort((a, b) => a.id - b.id));
  return remove;
}
