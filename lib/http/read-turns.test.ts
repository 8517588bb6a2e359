import { describe, expect, it } from "vitest";
import { inReadTurn } from "@/lib/http/read-turns";

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
  return { result, finish: () => finish(name), fail: () => fail(new Error(`${name} failed`)) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("read turns", () => {
  it("runs two reads at once; the others wait, first come first served, and a failed read gives its turn on", async () => {
    const started: string[] = [];
    const [a, b, c, d, e] = ["a", "b", "c", "d", "e"].map((name) => controlledRead(started, name));
    await settle();
    expect(started).toEqual(["a", "b"]);

    b!.finish();
    await expect(b!.result).resolves.toBe("b");
    await settle();
    expect(started).toEqual(["a", "b", "c"]);

    a!.fail();
    await expect(a!.result).rejects.toThrow("a failed");
    await settle();
    expect(started).toEqual(["a", "b", "c", "d"]);

    for (const read of [c!, d!]) read.finish();
    await settle();
    expect(started).toEqual(["a", "b", "c", "d", "e"]);
    e!.finish();
    await expect(Promise.all([c!.result, d!.result, e!.result])).resolves.toEqual(["c", "d", "e"]);

    // Every turn was given back: two new reads start at once.
    const [f, g] = ["f", "g"].map((name) => controlledRead(started, name));
    await settle();
    expect(started.slice(-2)).toEqual(["f", "g"]);
    f!.finish();
    g!.finish();
    await Promise.all([f!.result, g!.result]);
  });

  it("a read already holding a turn goes on in it when it reads again, though every turn is taken", async () => {
    const started: string[] = [];
    const other = controlledRead(started, "other");
    const outer = inReadTurn(async () => {
      await settle();
      // Both turns are held (this read's and the other's): the inner read would wait for ever in line.
      return inReadTurn(async () => "inner");
    });
    await expect(outer).resolves.toBe("inner");
    other.finish();
    await other.result;
  });
});
