import { describe, expect, it } from "vitest";
import { inReadTurn, READ_TURNS } from "@/lib/http/read-turns";

/** A read that finishes when `finish` is called, noting when it started. */
function controlledRead(started: string[], name: string) {
  let finish!: (value: string) => void;
  let fail!: (error: Error) => void;
  const done = new Promise<string>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const result = inReadTurn(() => {
    started.push(name);
    return done;
  });
  return { name, result, finish: () => finish(name), fail: () => fail(new Error(`${name} failed`)) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("read turns", () => {
  it("runs READ_TURNS reads at once; the others wait, first come first served, and a failed read gives its turn on", async () => {
    const started: string[] = [];
    const names = Array.from({ length: READ_TURNS + 3 }, (_, i) => `read ${i}`);
    const reads = names.map((name) => controlledRead(started, name));
    await settle();
    expect(started).toEqual(names.slice(0, READ_TURNS));

    // The first read fails: the next in line starts.
    reads[0]!.fail();
    await expect(reads[0]!.result).rejects.toThrow("read 0 failed");
    await settle();
    expect(started).toEqual(names.slice(0, READ_TURNS + 1));

    // Each read that finishes lets exactly the next one start, in the order they asked.
    for (let i = 1; i < reads.length; i++) {
      reads[i]!.finish();
      await expect(reads[i]!.result).resolves.toBe(names[i]);
      await settle();
      expect(started).toEqual(names.slice(0, Math.min(names.length, READ_TURNS + 1 + i)));
    }

    // Every turn was given back: READ_TURNS new reads start at once.
    const again = Array.from({ length: READ_TURNS }, (_, i) => controlledRead(started, `again ${i}`));
    await settle();
    expect(started.slice(-READ_TURNS)).toEqual(again.map((read) => read.name));
    for (const read of again) read.finish();
    await Promise.all(again.map((read) => read.result));
  });

  it("a read already holding a turn goes on in it when it reads again, though every turn is taken", async () => {
    const started: string[] = [];
    const others = Array.from({ length: READ_TURNS - 1 }, (_, i) => controlledRead(started, `other ${i}`));
    const outer = inReadTurn(async () => {
      await settle();
      // Every turn is held (this read's and the others'): the inner read would wait for ever in line.
      return inReadTurn(async () => "inner");
    });
    await expect(outer).resolves.toBe("inner");
    for (const read of others) read.finish();
    await Promise.all(others.map((read) => read.result));
  });
});
