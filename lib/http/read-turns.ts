// Reads of a whole board or a whole timeline take turns: at most READ_TURNS run at once in this
// process, the others wait in line, first come first served, without using the CPU meanwhile.
// Writes do not queue here. A server has one event loop: with twenty such reads in progress, a
// nurse's Save ran its steps between twenty reads' steps (p95 0.5-0.7 s against 35-50 ms idle);
// taking turns, it runs between two. A read waits as long as before on average (the same work
// done in the same order), and the memory twenty half-built answers held at once is not needed.
// A read already holding a turn (a route that takes one for its whole answer, then calls a loader
// that takes one too) goes on in it rather than queue behind itself, so the line always moves.
import { AsyncLocalStorage } from "node:async_hooks";

/** Reads in progress at once: enough to keep both cores busy while one waits for the database. */
const READ_TURNS = 2;

let running = 0;
const waiting: (() => void)[] = [];
const holdingTurn = new AsyncLocalStorage<true>();

/** Runs `read` when a turn is free (at once when one is, or when this read already holds one). */
export async function inReadTurn<T>(read: () => Promise<T>): Promise<T> {
  if (holdingTurn.getStore()) return read();
  if (running < READ_TURNS) running += 1;
  else await new Promise<void>((turn) => waiting.push(turn));
  try {
    return await holdingTurn.run(true, read);
  } finally {
    // The turn passes straight to the next in line, or is given back.
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }
}
