// The sign-in limit, counted from the stored attempts (SignInAttempt), so every app instance
// sharing the database agrees and a restart does not reset it. Three counts, each with delays
// that double with every further failure (1, 2, 4 ... minutes, at most an hour):
//  - this username from this address (5 failures): the guesser at the keyboard;
//  - this address, whatever the usernames (20): one address trying many accounts;
//  - this username from every address (10): many addresses trying one account.
// At the account's usual address (one it signed in from in the last 30 days) only the first
// applies: a stranger's wrong passwords, from elsewhere or from the same shared ward computer
// under other usernames, lock the stranger out and never the owner.
// Refused (rate-limited) attempts are not failures: they never reached a password check.
import { db } from "@/lib/db";

export const LOGIN_WINDOW_MINUTES = 60;
export const FAILURES_BY_USERNAME_AND_ADDRESS = 5;
export const FAILURES_BY_ADDRESS = 20;
export const FAILURES_BY_USERNAME = 10;
export const USUAL_ADDRESS_DAYS = 30;
const FIRST_DELAY_MS = 60_000;
const LONGEST_DELAY_MS = 60 * 60_000;

const FAILED = ["wrong_password", "unknown_user", "inactive"];

/** How long after the last failure the next attempt must wait, once `failures` reach `limit`. */
export function delayAfter(failures: number, limit: number): number {
  if (failures < limit) return 0;
  return Math.min(FIRST_DELAY_MS * 2 ** Math.min(failures - limit, 16), LONGEST_DELAY_MS);
}

interface Where {
  username?: string;
  clientAddress?: string;
}

async function failuresSince(where: Where, since: Date): Promise<{ count: number; last: Date | null }> {
  const found = await db.signInAttempt.aggregate({
    where: { ...where, at: { gte: since }, outcome: { in: FAILED } },
    _count: { _all: true },
    _max: { at: true },
  });
  return { count: found._count._all, last: found._max.at };
}

/** Milliseconds this attempt must still wait (0: it may try). The same queries whether or not the username exists. */
export async function signInWait(username: string, clientAddress: string, now: Date): Promise<number> {
  const windowStart = new Date(now.getTime() - LOGIN_WINDOW_MINUTES * 60_000);
  const lastSuccessHere = await db.signInAttempt.findFirst({
    where: {
      username,
      clientAddress,
      outcome: "success",
      at: { gte: new Date(now.getTime() - USUAL_ADDRESS_DAYS * 86_400_000) },
    },
    orderBy: { at: "desc" },
    select: { at: true },
  });
  // A success here wipes the slate for this username at this address.
  const pairSince = lastSuccessHere && lastSuccessHere.at > windowStart ? lastSuccessHere.at : windowStart;
  const checks: [Where, Date, number][] = [[{ username, clientAddress }, pairSince, FAILURES_BY_USERNAME_AND_ADDRESS]];
  if (!lastSuccessHere) {
    checks.push([{ clientAddress }, windowStart, FAILURES_BY_ADDRESS], [{ username }, windowStart, FAILURES_BY_USERNAME]);
  }
  const waits = await Promise.all(
    checks.map(async ([where, since, limit]) => {
      const { count, last } = await failuresSince(where, since);
      return last ? Math.max(0, last.getTime() + delayAfter(count, limit) - now.getTime()) : 0;
    }),
  );
  return Math.max(0, ...waits);
}
