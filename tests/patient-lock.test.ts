// lockPatientForWrite: two write transactions for one patient never overlap, so the second one's
// re-check of the tocilizumab limits sees the first one's dose, on either store and across
// instances (PostgreSQL: an advisory lock held until commit). Transactions for different
// patients do not wait for each other on PostgreSQL.
import { describe, expect, it } from "vitest";
import { lockPatientForWrite, store, writeTransaction } from "@/lib/db";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A write transaction that takes the patient's lock, then holds it for `holdMs`; returns when it held it. */
async function holdLock(
  patientId: string,
  holdMs: number,
  log: string[],
  name: string,
  onLocked: () => void = () => {},
): Promise<{ from: number; to: number }> {
  return writeTransaction(async (tx) => {
    await lockPatientForWrite(tx, patientId);
    const from = Date.now();
    log.push(`${name} locked`);
    onLocked();
    await sleep(holdMs);
    log.push(`${name} done`);
    return { from, to: Date.now() };
  });
}

describe("lockPatientForWrite", () => {
  it("serialises two concurrent write transactions for the same patient", async () => {
    const log: string[] = [];
    let firstLocked = () => {};
    const locked = new Promise<void>((resolve) => (firstLocked = resolve));
    const first = holdLock("patient-A", 400, log, "first", firstLocked);
    await locked;
    const second = holdLock("patient-A", 10, log, "second");
    const [a, b] = await Promise.all([first, second]);
    expect(log).toEqual(["first locked", "first done", "second locked", "second done"]);
    expect(b.from).toBeGreaterThanOrEqual(a.to);
  });

  // PostgreSQL: the lock is per patient. SQLite: every write queues on one connection anyway.
  it("lets transactions for different patients run side by side on PostgreSQL (one at a time on SQLite)", async () => {
    const log: string[] = [];
    let firstLocked = () => {};
    const locked = new Promise<void>((resolve) => (firstLocked = resolve));
    const first = holdLock("patient-B", 1000, log, "first", firstLocked);
    await locked;
    const second = holdLock("patient-C", 10, log, "second");
    await Promise.all([first, second]);
    expect(log).toEqual(
      store === "postgresql"
        ? ["first locked", "second locked", "second done", "first done"]
        : ["first locked", "first done", "second locked", "second done"],
    );
  });

  it("releases the lock when the transaction fails", async () => {
    await expect(
      writeTransaction(async (tx) => {
        await lockPatientForWrite(tx, "patient-D");
        throw new Error("refused");
      }),
    ).rejects.toThrow("refused");
    const log: string[] = [];
    await holdLock("patient-D", 0, log, "next");
    expect(log).toEqual(["next locked", "next done"]);
  });
});
