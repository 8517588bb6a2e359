// The live stream as Server-Sent Events: one `change` event per committed clinical write, its id
// the feed id, so the browser's automatic reconnect (Last-Event-ID) resumes where it stopped.
// Each event names the patient, the kind of write and the id; never any clinical content, so a
// page learns only that it should re-read what its own access already lets it see.
import { subscribeToChanges } from "@/lib/live/change-hub";
import type { ClinicalChangeEvent } from "@/lib/live/change-feed";

export interface EventStreamOptions {
  /** Comment lines that keep proxies from closing an idle connection. */
  heartbeatMs?: number;
  /**
   * The stream ends after this long and the browser reconnects (resuming from its last id), which
   * re-checks the session: a signed-out or deactivated user stops receiving within this time.
   */
  maxLifetimeMs?: number;
}

export function formatChangeEvent(event: ClinicalChangeEvent): string {
  const data = JSON.stringify({ id: event.id, patientId: event.patientId, kind: event.kind });
  return `id: ${event.id}\nevent: change\ndata: ${data}\n\n`;
}

export function changeEventStream(
  afterId: number | null,
  signal: AbortSignal,
  { heartbeatMs = 20_000, maxLifetimeMs = 5 * 60_000 }: EventStreamOptions = {},
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let finish = () => {};
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      let open = true;
      const send = (text: string) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          finish();
        }
      };
      // Reconnect after 1 s if the connection drops (the browser's default is about 3 s).
      send("retry: 1000\n\n");
      let unsubscribe = () => {};
      const heartbeat = setInterval(() => send(": still here\n\n"), heartbeatMs);
      const lifetime = setTimeout(() => finish(), maxLifetimeMs);
      finish = () => {
        if (!open) return;
        open = false;
        clearInterval(heartbeat);
        clearTimeout(lifetime);
        unsubscribe();
        signal.removeEventListener("abort", finish);
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      signal.addEventListener("abort", finish);
      try {
        const remove = await subscribeToChanges(afterId, (events) => send(events.map(formatChangeEvent).join("")));
        if (open) unsubscribe = remove;
        else remove();
      } catch (error) {
        console.error("live: opening the change stream failed", error);
        finish();
      }
    },
    cancel() {
      finish();
    },
  });
}
