// Reads of a whole board or a whole timeline take turns: one at a time in this process, the others
// waiting in line, first come first served, without using the CPU meanwhile.
// Writes do not queue here. A server has one event loop: with twenty such reads in progress, a
// nurse's Save ran its steps between twenty reads' steps (p95 0.5-0.7 s against 35-50 ms idle);
// taking turns, it runs between one read's steps. A read waits as long as before on average (the
// same work done in the same order), and the memory twenty half-built answers held at once is not
// needed.
// A read already holding a turn (a route that takes one for its whole answer, then calls a loader
// that takes one too) goes on in it rather than queue behind itself, so the line always moves.
import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Reads in progress at once. One: with two, a write under 20 concurrent timeline reads was as fast
 * on SQLite (p95 140-166 ms against 142 ms) and 16 times slower on PostgreSQL, where each of the
 * write's queries is a wait in which the event loop runs the reads (3.13 s against 195 ms,
 * bench:http, 50 patients); the board at 20 clients was the same either way.
 */
export const READ_TURNS = 1;

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
